//! The general call used by generated bindings: any payload kind in, any answer kind out.

use bytes::Bytes;
use futures_util::TryStreamExt;
use reqwest::header::{HeaderValue, ACCEPT, CONTENT_TYPE};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::Error;
use crate::form::Form;
use crate::functions::{
    decode_response, http_error, validate_function_name, ByteStream, Functions, ACCEPT_VALUE,
};

/// What a call sends.
#[derive(Debug)]
pub enum Payload {
    /// No body (functions without input).
    Empty,
    /// A JSON body.
    Json(Vec<u8>),
    /// A multipart body (functions that read `req.formData()`).
    Multipart(Form),
    /// A raw body with its content type (functions that read `req.text()`).
    Raw {
        /// The `Content-Type` header.
        content_type: String,
        /// The bytes sent.
        body: Vec<u8>,
    },
    /// Query parameters on a `GET` of the function path (functions that read
    /// `new URL(req.url).searchParams`).
    Query(Vec<(String, String)>),
}

impl Payload {
    /// A JSON payload.
    pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<Payload, Error> {
        serde_json::to_vec(value)
            .map(Payload::Json)
            .map_err(|e| Error::Config(format!("cannot encode the request: {e}")))
    }

    /// Query parameters from a serializable object: strings as themselves, other scalars as
    /// their JSON text, absent and `null` fields left out.
    pub fn query<T: Serialize + ?Sized>(value: &T) -> Result<Payload, Error> {
        let v = serde_json::to_value(value)
            .map_err(|e| Error::Config(format!("cannot encode the query: {e}")))?;
        let serde_json::Value::Object(map) = v else {
            return Err(Error::Config("query parameters must be an object".into()));
        };
        let pairs = map
            .into_iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| match v {
                serde_json::Value::String(s) => (k, s),
                other => (k, other.to_string()),
            })
            .collect();
        Ok(Payload::Query(pairs))
    }
}

/// A successful (2xx) answer, to be read as JSON, text or a stream.
#[derive(Debug)]
pub struct Answer {
    inner: reqwest::Response,
}

impl Answer {
    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.inner.status().as_u16()
    }

    /// Decode the body as JSON.
    pub async fn json<T: DeserializeOwned>(self) -> Result<T, Error> {
        decode_response(self.inner).await
    }

    /// The body as text.
    pub async fn text(self) -> Result<String, Error> {
        let status = self.status();
        let bytes = self.inner.bytes().await.map_err(Error::from_reqwest)?;
        String::from_utf8(bytes.to_vec()).map_err(|e| Error::Decode {
            status,
            body: bytes,
            message: e.to_string(),
        })
    }

    /// The whole body.
    pub async fn bytes(self) -> Result<Bytes, Error> {
        self.inner.bytes().await.map_err(Error::from_reqwest)
    }

    /// The body as a stream of chunks.
    pub fn stream(self) -> ByteStream {
        Box::pin(self.inner.bytes_stream().map_err(Error::from_reqwest))
    }
}

impl Functions {
    /// Call function `name` with `payload`; a non-2xx answer is [`Error::Status`].
    pub async fn call(&self, name: &str, payload: Payload) -> Result<Answer, Error> {
        validate_function_name(name)?;
        let inner = &self.client.inner;
        let mut headers = self.client.base_headers()?;
        headers.insert(ACCEPT, HeaderValue::from_static(ACCEPT_VALUE));
        let invoke_url = format!(
            "{}/api/apps/{}/functions/{name}",
            inner.server_url, inner.app_id
        );
        let req = match payload {
            Payload::Empty => inner.http.post(invoke_url),
            Payload::Json(bytes) => {
                headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                inner.http.post(invoke_url).body(bytes)
            }
            Payload::Multipart(form) => inner.http.post(invoke_url).multipart(form.into_reqwest()?),
            Payload::Raw { content_type, body } => {
                let ct = HeaderValue::from_str(&content_type)
                    .map_err(|_| Error::Config(format!("invalid content type {content_type:?}")))?;
                headers.insert(CONTENT_TYPE, ct);
                inner.http.post(invoke_url).body(body)
            }
            Payload::Query(pairs) => {
                let base = format!("{}/api/functions/{name}", inner.server_url);
                let mut url = reqwest::Url::parse(&base)
                    .map_err(|e| Error::Config(format!("{base}: {e}")))?;
                url.query_pairs_mut().extend_pairs(pairs);
                inner.http.get(url)
            }
        };
        let resp = req
            .headers(headers)
            .send()
            .await
            .map_err(Error::from_reqwest)?;
        if resp.status().is_success() {
            Ok(Answer { inner: resp })
        } else {
            Err(Error::Status(Box::new(http_error(resp).await)))
        }
    }
}
