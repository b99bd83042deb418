//! `client.functions()`: invoke functions by name (JSON, multipart, no input), and `fetch` any
//! function path with any method.

use std::pin::Pin;

use bytes::Bytes;
use futures_util::{Stream, StreamExt, TryStreamExt};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::call::Payload;
use crate::client::Client;
use crate::error::{Error, HttpError, MAX_ERROR_BODY};
use crate::form::Form;

/// What the official SDK sends as `Accept` (checked by the conformance test).
pub const ACCEPT_VALUE: &str = "application/json";

/// A streamed response body.
pub type ByteStream = Pin<Box<dyn Stream<Item = Result<Bytes, Error>> + Send>>;

/// The functions module of a [`Client`].
#[derive(Clone, Debug)]
pub struct Functions {
    pub(crate) client: Client,
}

/// Check a function name before anything is sent: `/`-separated segments of letters, digits,
/// `-` and `_`.
pub fn validate_function_name(name: &str) -> Result<(), Error> {
    let ok = !name.is_empty()
        && name.split('/').all(|seg| {
            !seg.is_empty()
                && seg
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        });
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidFunctionName(name.to_string()))
    }
}

impl Functions {
    /// Invoke `name` with a JSON body and decode the JSON answer.
    pub async fn invoke<Req, Resp>(&self, name: &str, data: &Req) -> Result<Resp, Error>
    where
        Req: Serialize + ?Sized,
        Resp: DeserializeOwned,
    {
        self.call(name, Payload::json(data)?).await?.json().await
    }

    /// Invoke `name` without input (the SDK's `invoke(name)`).
    pub async fn invoke_empty<Resp: DeserializeOwned>(&self, name: &str) -> Result<Resp, Error> {
        self.call(name, Payload::Empty).await?.json().await
    }

    /// Invoke `name` with an untyped JSON value and get the untyped answer.
    pub async fn invoke_value(
        &self,
        name: &str,
        data: &serde_json::Value,
    ) -> Result<serde_json::Value, Error> {
        self.invoke(name, data).await
    }

    /// Invoke `name` with a multipart body (functions that read `req.formData()`).
    pub async fn invoke_multipart<Resp: DeserializeOwned>(
        &self,
        name: &str,
        form: Form,
    ) -> Result<Resp, Error> {
        self.call(name, Payload::Multipart(form))
            .await?
            .json()
            .await
    }

    /// Invoke `name` (JSON body, or none) and get the answer as text (CSV, SVG, plain text).
    pub async fn invoke_text<Req: Serialize + ?Sized>(
        &self,
        name: &str,
        data: Option<&Req>,
    ) -> Result<String, Error> {
        self.call(name, json_or_empty(data)?).await?.text().await
    }

    /// Invoke `name` (JSON body, or none) and stream the answer (SSE, chunked text).
    pub async fn invoke_stream<Req: Serialize + ?Sized>(
        &self,
        name: &str,
        data: Option<&Req>,
    ) -> Result<ByteStream, Error> {
        Ok(self.call(name, json_or_empty(data)?).await?.stream())
    }

    /// A raw request to `{server}/api/functions/{path}` with any method, like the SDK's
    /// `functions.fetch`: auth headers merged with yours (yours win), body as given.
    pub async fn fetch(&self, path: &str, request: FetchRequest) -> Result<FetchResponse, Error> {
        let path = if path.starts_with('/') {
            path.to_string()
        } else {
            format!("/{path}")
        };
        let url = format!("{}/api/functions{path}", self.client.inner.server_url);
        let mut headers = HeaderMap::new();
        if let Some(auth) = self
            .client
            .base_headers()?
            .get(reqwest::header::AUTHORIZATION)
        {
            headers.insert(reqwest::header::AUTHORIZATION, auth.clone());
        }
        for (k, v) in request.headers {
            let n = HeaderName::from_bytes(k.as_bytes())
                .map_err(|_| Error::Config(format!("invalid header name {k:?}")))?;
            let v = HeaderValue::from_str(&v)
                .map_err(|_| Error::Config(format!("invalid value for header {k:?}")))?;
            headers.insert(n, v);
        }
        let mut req = self
            .client
            .inner
            .http
            .request(request.method, url)
            .headers(headers);
        if let Some(body) = request.body {
            req = req.body(body);
        }
        let resp = req.send().await.map_err(Error::from_reqwest)?;
        Ok(FetchResponse { inner: resp })
    }
}

fn json_or_empty<Req: Serialize + ?Sized>(data: Option<&Req>) -> Result<Payload, Error> {
    match data {
        Some(d) => Payload::json(d),
        None => Ok(Payload::Empty),
    }
}

/// Read a non-2xx answer, keeping at most [`MAX_ERROR_BODY`] bytes.
pub(crate) async fn http_error(resp: reqwest::Response) -> HttpError {
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let mut body = Vec::new();
    let mut stream = resp.bytes_stream();
    while let Some(Ok(chunk)) = stream.next().await {
        let room = MAX_ERROR_BODY - body.len();
        body.extend_from_slice(&chunk[..chunk.len().min(room)]);
        if body.len() >= MAX_ERROR_BODY {
            break;
        }
    }
    let json = serde_json::from_slice(&body).ok();
    HttpError {
        status,
        headers,
        body: Bytes::from(body),
        json,
    }
}

pub(crate) async fn decode_response<T: DeserializeOwned>(
    resp: reqwest::Response,
) -> Result<T, Error> {
    let status = resp.status().as_u16();
    let body = resp.bytes().await.map_err(Error::from_reqwest)?;
    // An empty body decodes as JSON `null` (for `()` and `Option<T>` answers).
    let text: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
        b"null"
    } else {
        &body
    };
    serde_json::from_slice(text).map_err(|e| Error::Decode {
        status,
        body,
        message: e.to_string(),
    })
}

/// A raw request for [`Functions::fetch`].
#[derive(Clone, Debug)]
pub struct FetchRequest {
    /// HTTP method.
    pub method: reqwest::Method,
    /// Extra headers (they override the auth headers, as in the SDK).
    pub headers: Vec<(String, String)>,
    /// The body, if any.
    pub body: Option<Vec<u8>>,
}

impl FetchRequest {
    /// A request with `method`, no headers, no body.
    pub fn new(method: reqwest::Method) -> Self {
        FetchRequest {
            method,
            headers: Vec::new(),
            body: None,
        }
    }

    /// Add a header.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Set a raw body (no content type is added).
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = Some(body.into());
        self
    }

    /// Set a text body with `Content-Type: text/plain;charset=UTF-8` (unless a content type
    /// header is already set), as `fetch` does for a string body.
    pub fn text(mut self, body: impl Into<String>) -> Self {
        if !self
            .headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("content-type"))
        {
            self.headers
                .push(("content-type".into(), "text/plain;charset=UTF-8".into()));
        }
        self.body = Some(body.into().into_bytes());
        self
    }
}

/// The raw answer of [`Functions::fetch`], any status.
#[derive(Debug)]
pub struct FetchResponse {
    inner: reqwest::Response,
}

impl FetchResponse {
    /// HTTP status code.
    pub fn status(&self) -> u16 {
        self.inner.status().as_u16()
    }

    /// Response headers.
    pub fn headers(&self) -> &HeaderMap {
        self.inner.headers()
    }

    /// The whole body.
    pub async fn bytes(self) -> Result<Bytes, Error> {
        self.inner.bytes().await.map_err(Error::from_reqwest)
    }

    /// The body as a stream of chunks (SSE, chunked responses).
    pub fn bytes_stream(self) -> ByteStream {
        Box::pin(self.inner.bytes_stream().map_err(Error::from_reqwest))
    }
}
