//! The client against a loopback server: wire format, errors, timeouts, redaction.

mod support;

use std::time::Duration;

use base44_runtime::{Client, Error, FetchRequest, Form, Method};
use serde_json::{json, Value};
use support::{serve, Answer};

fn client(url: &str) -> Client {
    Client::builder()
        .server_url(url)
        .app_id("app_1")
        .token("user-secret-token")
        .service_token("service-secret-token")
        .functions_version("v7")
        .timeout(Duration::from_millis(2000))
        .build()
        .expect("client")
}

#[tokio::test]
async fn invoke_sends_what_the_sdk_sends() {
    let s = serve(Answer::json(200, r#"{"ok":true}"#)).await;
    let out: Value = client(&s.url)
        .functions()
        .invoke("orders/create", &json!({"a": 1}))
        .await
        .expect("invoke");
    assert_eq!(out, json!({"ok": true}));
    let r = s.requests.lock().expect("lock")[0].clone();
    assert_eq!(r.method, "POST");
    assert_eq!(r.path, "/api/apps/app_1/functions/orders/create");
    assert_eq!(r.headers["x-app-id"], "app_1");
    assert_eq!(r.headers["authorization"], "Bearer user-secret-token");
    assert_eq!(r.headers["content-type"], "application/json");
    assert_eq!(r.headers["accept"], "application/json");
    assert_eq!(r.headers["base44-functions-version"], "v7");
    assert_eq!(
        serde_json::from_slice::<Value>(&r.body).expect("json"),
        json!({"a": 1})
    );
}

#[tokio::test]
async fn service_role_uses_the_service_token() {
    let s = serve(Answer::json(200, "{}")).await;
    let c = client(&s.url).as_service_role().expect("service role");
    let _: Value = c
        .functions()
        .invoke_empty("admin/task")
        .await
        .expect("invoke");
    let r = s.requests.lock().expect("lock")[0].clone();
    assert_eq!(r.headers["authorization"], "Bearer service-secret-token");
    assert!(r.body.is_empty());
    let no_service = Client::builder().app_id("a").build().expect("client");
    assert!(matches!(
        no_service.as_service_role(),
        Err(Error::Config(_))
    ));
}

#[tokio::test]
async fn multipart_encodes_files_and_json_fields() {
    let s = serve(Answer::json(200, "{}")).await;
    let form = Form::new()
        .file("file", b"hello".to_vec(), "a.txt", Some("text/plain"))
        .value("meta", &json!({"k": 1}))
        .expect("field")
        .value("count", &3)
        .expect("field");
    let _: Value = client(&s.url)
        .functions()
        .invoke_multipart("upload", form)
        .await
        .expect("invoke");
    let r = s.requests.lock().expect("lock")[0].clone();
    let fields = support::multipart_fields(&r.headers["content-type"], &r.body);
    assert_eq!(fields["file"], (Some("a.txt".into()), "hello".into()));
    assert_eq!(fields["meta"], (None, r#"{"k":1}"#.into()));
    assert_eq!(fields["count"], (None, "3".into()));
}

#[tokio::test]
async fn json_error_bodies_keep_status_and_fields() {
    let s = serve(Answer::json(
        404,
        r#"{"message":"not found","code":"E404","detail":"no order"}"#,
    ))
    .await;
    let err = client(&s.url)
        .functions()
        .invoke::<_, Value>("f", &json!({}))
        .await
        .expect_err("404");
    let h = err.http().expect("http error");
    assert_eq!(h.status, 404);
    assert_eq!(
        (h.message(), h.code(), h.detail()),
        (Some("not found"), Some("E404"), Some("no order"))
    );
    assert_eq!(err.to_string(), "function answered 404: not found");
}

#[tokio::test]
async fn non_json_error_bodies_are_kept_raw() {
    let s = serve(Answer::text(502, "bad gateway")).await;
    let err = client(&s.url)
        .functions()
        .invoke::<_, Value>("f", &json!({}))
        .await
        .expect_err("502");
    let h = err.http().expect("http error");
    assert_eq!(
        (h.status, &h.body[..], h.json.is_none()),
        (502, &b"bad gateway"[..], true)
    );
}

#[tokio::test]
async fn undecodable_success_bodies_keep_the_body() {
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Want {
        id: u32,
    }
    let s = serve(Answer::json(200, r#"{"id":"not a number"}"#)).await;
    let err = client(&s.url)
        .functions()
        .invoke::<_, Want>("f", &json!({}))
        .await
        .expect_err("decode");
    match err {
        Error::Decode { status, body, .. } => {
            assert_eq!(status, 200);
            assert_eq!(&body[..], br#"{"id":"not a number"}"#);
        }
        other => panic!("expected Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn timeouts_and_refused_connections_are_distinct() {
    let mut hang = Answer::json(200, "{}");
    hang.hang = true;
    let s = serve(hang).await;
    let c = Client::builder()
        .server_url(&s.url)
        .app_id("a")
        .timeout(Duration::from_millis(300))
        .build()
        .expect("client");
    let err = c
        .functions()
        .invoke::<_, Value>("f", &json!({}))
        .await
        .expect_err("timeout");
    assert!(matches!(err, Error::Timeout), "{err:?}");

    // A port that was free a moment ago: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let c = client(&format!("http://127.0.0.1:{port}"));
    let err = c
        .functions()
        .invoke::<_, Value>("f", &json!({}))
        .await
        .expect_err("refused");
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
}

#[tokio::test]
async fn invalid_names_are_rejected_before_sending() {
    let s = serve(Answer::json(200, "{}")).await;
    for bad in ["", "../x", "a//b", "/a", "a b", "a?b=1", "a\nb"] {
        let err = client(&s.url)
            .functions()
            .invoke::<_, Value>(bad, &json!({}))
            .await
            .expect_err("invalid");
        assert!(
            matches!(err, Error::InvalidFunctionName(_)),
            "{bad:?}: {err:?}"
        );
    }
    assert!(s.requests.lock().expect("lock").is_empty());
}

#[tokio::test]
async fn tokens_never_show_in_debug_or_errors() {
    let c = client("http://127.0.0.1:1");
    let shown = format!("{c:?} {:?}", Client::builder().token("user-secret-token"));
    assert!(!shown.contains("secret-token"), "{shown}");
    let err = c
        .functions()
        .invoke::<_, Value>("f", &json!({}))
        .await
        .expect_err("refused");
    assert!(!format!("{err} {err:?}").contains("secret-token"));
}

#[tokio::test]
async fn fetch_uses_any_method_and_merges_headers() {
    let s = serve(Answer::text(200, "data: 1\n\n")).await;
    let resp = client(&s.url)
        .functions()
        .fetch(
            "stream/items/42",
            FetchRequest::new(Method::PUT)
                .header("x-custom", "1")
                .body(b"raw".to_vec()),
        )
        .await
        .expect("fetch");
    assert_eq!(resp.status(), 200);
    assert_eq!(&resp.bytes().await.expect("body")[..], b"data: 1\n\n");
    let r = s.requests.lock().expect("lock")[0].clone();
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("PUT", "/api/functions/stream/items/42")
    );
    assert_eq!(r.headers["authorization"], "Bearer user-secret-token");
    assert_eq!(r.headers["x-custom"], "1");
    assert_eq!(r.body, b"raw");
}
