//! Conformance: the real `@base44/sdk` (Node, installed in js/ by the test setup) and this
//! client make the same calls against one loopback recording server; the recorded method,
//! path, relevant headers and parsed bodies must be equal.

mod support;

use std::path::Path;
use std::process::Command;

use base44_runtime::{Client, FetchRequest, Form, Method};
use serde_json::{json, Value};
use support::{multipart_fields, serve, Answer, Recorded};

const HEADERS: &[&str] = &[
    "x-app-id",
    "authorization",
    "accept",
    "base44-functions-version",
    "x-custom",
];

/// The comparable part of a request.
fn view(r: &Recorded) -> Value {
    let content_type = r.headers.get("content-type").cloned().unwrap_or_default();
    let body = if content_type.starts_with("multipart/form-data") {
        json!(multipart_fields(&content_type, &r.body)
            .into_iter()
            .map(|(k, (f, v))| (k, json!([f, v])))
            .collect::<serde_json::Map<_, _>>())
    } else if content_type.starts_with("application/json") {
        serde_json::from_slice(&r.body).unwrap_or(Value::Null)
    } else {
        json!(String::from_utf8_lossy(&r.body))
    };
    let headers: serde_json::Map<String, Value> = HEADERS
        .iter()
        .filter_map(|h| r.headers.get(*h).map(|v| (h.to_string(), json!(v))))
        .collect();
    json!({
        "method": r.method,
        "path": r.path,
        "content_type": content_type.split(';').next().unwrap_or(""),
        "headers": headers,
        "body": body,
    })
}

#[tokio::test]
async fn rust_client_matches_the_official_sdk() {
    let sdk =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../js/node_modules/@base44/sdk/dist/index.js");
    assert!(
        sdk.is_file(),
        "the real @base44/sdk is missing: run `npm ci` in js/ (scripts/test.sh does)"
    );
    let node_server = serve(Answer::json(200, "{}")).await;
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js/sdk_calls.mjs");
    let url = node_server.url.clone();
    let out = tokio::task::spawn_blocking(move || {
        Command::new("node").arg(script).arg(sdk).arg(url).output()
    })
    .await
    .expect("join")
    .expect("node runs");
    assert!(
        out.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    let rust_server = serve(Answer::json(200, "{}")).await;
    let build = |version: Option<&str>| {
        let mut b = Client::builder()
            .server_url(&rust_server.url)
            .app_id("app_1")
            .token("user-secret-token")
            .service_token("service-secret-token");
        if let Some(v) = version {
            b = b.functions_version(v);
        }
        b.build().expect("client")
    };
    let user = build(None);
    let f = user.functions();
    let _: Value = f
        .invoke("orders/create", &json!({"a": 1, "nested": {"b": [1, 2]}}))
        .await
        .expect("1");
    let _: Value = user
        .as_service_role()
        .expect("sr")
        .functions()
        .invoke("admin/task", &json!({"x": 1}))
        .await
        .expect("2");
    let _: Value = build(Some("v7"))
        .functions()
        .invoke("f", &json!({"b": 2}))
        .await
        .expect("3");
    let form = Form::new()
        .file("file", b"hello".to_vec(), "a.txt", Some("text/plain"))
        .value("meta", &json!({"k": 1}))
        .expect("meta")
        .value("count", &3)
        .expect("count");
    let _: Value = f.invoke_multipart("upload", form).await.expect("4");
    f.fetch(
        "/stream/items/42",
        FetchRequest::new(Method::PUT)
            .header("x-custom", "1")
            .text("raw"),
    )
    .await
    .expect("5");

    let node: Vec<Value> = node_server
        .requests
        .lock()
        .expect("lock")
        .iter()
        .map(view)
        .collect();
    let rust: Vec<Value> = rust_server
        .requests
        .lock()
        .expect("lock")
        .iter()
        .map(view)
        .collect();
    assert_eq!(node.len(), 5, "{node:#?}");
    for (i, (n, r)) in node.iter().zip(&rust).enumerate() {
        assert_eq!(n, r, "call {} differs:\nSDK:  {n:#}\nRust: {r:#}", i + 1);
    }
}
