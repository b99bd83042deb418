//! Invoke throughput and latency on loopback: this client vs the real `@base44/sdk` on Node,
//! same server, same payloads, measured side by side in one run.
//!
//! Run: `cargo bench -p runtime --bench throughput` (needs `npm ci` in js/).

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

use base44_runtime::Client;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const REQUESTS: usize = 5000;
const CONCURRENCY: usize = 16;

/// A minimal keep-alive HTTP/1.1 server answering every request with a small JSON body.
async fn server() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    // Answers go out at once (no Nagle delay) so the clients, not the server, are measured.
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(async move {
        while let Ok((mut sock, _)) = listener.accept().await {
            let _ = sock.set_nodelay(true);
            tokio::spawn(async move {
                let mut buf = vec![0u8; 64 * 1024];
                let mut have = 0;
                loop {
                    let Ok(n) = sock.read(&mut buf[have..]).await else {
                        return;
                    };
                    if n == 0 {
                        return;
                    }
                    have += n;
                    // Answer each complete request (head + content-length body) in the buffer.
                    while let Some(end) = buf[..have].windows(4).position(|w| w == b"\r\n\r\n") {
                        let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
                        let len: usize = head
                            .lines()
                            .find_map(|l| l.strip_prefix("content-length:"))
                            .and_then(|v| v.trim().parse().ok())
                            .unwrap_or(0);
                        if have < end + 4 + len {
                            break;
                        }
                        let body = br#"{"ok":true,"orderId":"o_1","total":3}"#;
                        // One write per answer: split writes meet delayed ACKs (40 ms stalls).
                        let mut resp = format!("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n", body.len()).into_bytes();
                        resp.extend_from_slice(body);
                        if sock.write_all(&resp).await.is_err() {
                            return;
                        }
                        buf.copy_within(end + 4 + len..have, 0);
                        have -= end + 4 + len;
                    }
                }
            });
        }
    });
    url
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 * p) as usize).min(sorted.len() - 1)]
}

#[tokio::main]
async fn main() {
    let url = server().await;
    let client = Client::builder()
        .server_url(&url)
        .app_id("bench")
        .token("t")
        .build()
        .expect("client");
    let payload = json!({"orderId": "o_1", "items": [{"sku": "a", "quantity": 2}, {"sku": "b", "quantity": 1}], "note": "x".repeat(200)});
    // Warm up connections.
    for _ in 0..50 {
        let _: Value = client
            .functions()
            .invoke("orders/create", &payload)
            .await
            .expect("warm");
    }
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..CONCURRENCY {
        let (client, next, payload) = (client.clone(), Arc::clone(&next), payload.clone());
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            while next.fetch_add(1, Ordering::Relaxed) < REQUESTS {
                let t = Instant::now();
                let v: Value = client
                    .functions()
                    .invoke("orders/create", &payload)
                    .await
                    .expect("invoke");
                assert_eq!(v["ok"], true);
                lat.push(t.elapsed().as_secs_f64() * 1e3);
            }
            lat
        }));
    }
    let mut lat = Vec::new();
    for t in tasks {
        lat.extend(t.await.expect("task"));
    }
    let rust_secs = start.elapsed().as_secs_f64();
    lat.sort_by(|a, b| a.total_cmp(b));

    let sdk =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../js/node_modules/@base44/sdk/dist/index.js");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/js/node_throughput.mjs");
    let url2 = url.clone();
    let node = tokio::task::spawn_blocking(move || {
        Command::new("node")
            .arg(script)
            .arg(sdk)
            .arg(url2)
            .arg(REQUESTS.to_string())
            .arg(CONCURRENCY.to_string())
            .output()
    })
    .await
    .expect("join");
    println!("{REQUESTS} invokes, concurrency {CONCURRENCY}, loopback, same server and payload");
    println!(
        "rust client : {:>8.0} req/s  p50 {:.2} ms  p99 {:.2} ms",
        REQUESTS as f64 / rust_secs,
        percentile(&lat, 0.5),
        percentile(&lat, 0.99)
    );
    match node {
        Ok(out) if out.status.success() => {
            let text = String::from_utf8_lossy(&out.stdout);
            let v: Vec<f64> = text
                .split_whitespace()
                .filter_map(|x| x.parse().ok())
                .collect();
            if let [secs, p50, p99] = v[..] {
                println!(
                    "node sdk    : {:>8.0} req/s  p50 {p50:.2} ms  p99 {p99:.2} ms",
                    REQUESTS as f64 / secs
                );
                println!("ratio (rust/node throughput): {:.2}x", secs / rust_secs);
            }
        }
        Ok(out) => println!("node sdk failed: {}", String::from_utf8_lossy(&out.stderr)),
        Err(e) => println!("node not runnable ({e}); run npm ci in js/"),
    }
}
