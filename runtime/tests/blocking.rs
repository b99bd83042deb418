//! The blocking client (feature `blocking`) against a loopback server run on its own thread.
#![cfg(feature = "blocking")]

mod support;

use base44_runtime::{blocking, Client, Error};
use serde_json::{json, Value};

#[test]
fn blocking_invoke_and_errors() {
    // The recording server needs a runtime of its own, on another thread.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Runtime::new().expect("runtime");
        rt.block_on(async {
            let ok = support::serve(support::Answer::json(200, r#"{"sum":5}"#)).await;
            let bad = support::serve(support::Answer::json(422, r#"{"message":"nope"}"#)).await;
            tx.send((ok.url.clone(), bad.url.clone())).expect("send");
            tokio::time::sleep(std::time::Duration::from_secs(10)).await;
        });
    });
    let (ok, bad) = rx.recv().expect("urls");
    let client = |url: &str| {
        blocking::Client::new(
            Client::builder()
                .server_url(url)
                .app_id("a")
                .token("t")
                .build()
                .expect("client"),
        )
        .expect("blocking")
    };
    let v: Value = client(&ok)
        .functions()
        .invoke("sum", &json!({"a": 2, "b": 3}))
        .expect("invoke");
    assert_eq!(v, json!({"sum": 5}));
    let err = client(&bad)
        .functions()
        .invoke::<_, Value>("sum", &json!({}))
        .expect_err("422");
    assert!(
        matches!(&err, Error::Status(h) if h.status == 422 && h.message() == Some("nope")),
        "{err:?}"
    );
}
