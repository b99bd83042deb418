//! End to end: a real Deno (npm package `deno`, installed in js/ by scripts/test.sh) serves the
//! example app's functions on loopback behind a small gateway that routes Base44's paths to
//! them (`npm:@base44/sdk` is stubbed with an import map); the generated Rust bindings call
//! them and get typed results, a typed 4xx body, text, and a stream.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use base44_runtime::futures_util::StreamExt;

mod api {
    base44_macros::functions!("../app");
}

use api::*;

/// Kills the Deno process when the test ends, whatever happens.
struct Gateway(Child);

impl Drop for Gateway {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_gateway() -> (Gateway, u16) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let deno = root.join("../js/node_modules/.bin/deno");
    assert!(
        deno.exists(),
        "deno is missing: run `npm ci` in js/ (scripts/test.sh does)"
    );
    let mut child = Command::new(&deno)
        .args(["run", "--allow-net", "--allow-read", "--no-prompt"])
        .arg(format!(
            "--import-map={}",
            root.join("e2e/import_map.json").display()
        ))
        .arg(root.join("e2e/gateway.ts"))
        .arg(root.join("app/base44/functions"))
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start deno");
    let stdout = child.stdout.take().expect("stdout");
    let gateway = Gateway(child);
    // Bounded: the gateway prints its port once it listens, or exits.
    let port = BufReader::new(stdout)
        .lines()
        .take(50)
        .map_while(Result::ok)
        .find_map(|l| {
            l.strip_prefix("LISTENING ")
                .and_then(|p| p.trim().parse().ok())
        })
        .expect("gateway did not start");
    (gateway, port)
}

#[tokio::test]
async fn generated_bindings_call_real_functions_on_deno() {
    let (_gateway, port) = start_gateway();
    let client = base44_runtime::Client::builder()
        .server_url(format!("http://127.0.0.1:{port}"))
        .app_id("e2e-app")
        .token("e2e-token")
        .build()
        .expect("client");
    let f = Base44Functions::new(&client);

    let health = f.health().await.expect("health");
    assert!(health.ok);

    let created = f
        .orders()
        .create(&CreateOrderRequest {
            customer_id: "c_1".into(),
            items: vec![OrderItem {
                sku: "SKU-1".into(),
                quantity: 2.0,
                unit_price: Some(150.0),
            }],
            currency: Some(Currency::EUR),
            note: None,
        })
        .await
        .expect("create");
    assert_eq!((created.order_id.as_str(), created.total), ("rec_1", 300.0));

    // A typed 4xx body.
    let rejected = f
        .orders()
        .create(&CreateOrderRequest {
            customer_id: String::new(),
            items: vec![],
            currency: None,
            note: None,
        })
        .await;
    match rejected {
        Err(OrdersCreateError::Status400(body)) => {
            assert_eq!(body.error, "customerId and items are required")
        }
        other => panic!("expected a typed 400, got {other:?}"),
    }

    // Query input goes on the URL.
    let found = f
        .search(&SearchRequest {
            q: "shoe".into(),
            limit: Some("1".into()),
        })
        .await
        .expect("search");
    assert_eq!((found.total, found.results.len()), (1, 1));

    // Legacy params handler.
    let sum = f
        .legacy_sum(&LegacySumRequest {
            a: 2.0,
            b: Some(3.0),
        })
        .await
        .expect("legacy");
    assert_eq!(sum.sum, base44_runtime::serde_json::json!(5));

    // Text and streams.
    let csv = f
        .reports()
        .export_csv(&ReportsExportCsvRequest {
            from: None,
            to: None,
        })
        .await
        .expect("csv");
    assert!(csv.starts_with("date,orders"), "{csv}");
    let mut stream = f
        .chat()
        .stream(&ChatStreamRequest {
            prompt: Some("hello typed world".into()),
        })
        .await
        .expect("stream");
    let mut body = Vec::new();
    while let Some(chunk) = stream.next().await {
        body.extend_from_slice(&chunk.expect("chunk"));
    }
    let text = String::from_utf8_lossy(&body);
    assert_eq!(text.matches("data: ").count(), 4, "{text}");
    assert!(text.contains("\"token\":\"typed\""), "{text}");
}
