//! The client: configuration, headers, connection reuse, service role.

use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::error::Error;
use crate::functions::Functions;
use crate::secret::Secret;

/// The server the official SDK talks to by default.
pub const DEFAULT_SERVER_URL: &str = "https://base44.app";

/// Requests time out after this long unless configured.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// A Base44 client. Cheap to clone; clones share one connection pool.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
    /// Use the service token instead of the user token.
    pub(crate) service_role: bool,
}

pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    pub(crate) server_url: String,
    pub(crate) app_id: String,
    pub(crate) token: Option<Secret>,
    pub(crate) service_token: Option<Secret>,
    pub(crate) functions_version: Option<String>,
    pub(crate) headers: HeaderMap,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("server_url", &self.inner.server_url)
            .field("app_id", &self.inner.app_id)
            .field("token", &self.inner.token)
            .field("service_token", &self.inner.service_token)
            .field("service_role", &self.service_role)
            .finish()
    }
}

/// Builds a [`Client`].
#[derive(Default)]
pub struct ClientBuilder {
    server_url: Option<String>,
    app_id: Option<String>,
    token: Option<Secret>,
    service_token: Option<Secret>,
    functions_version: Option<String>,
    headers: Vec<(String, String)>,
    timeout: Option<Duration>,
}

impl std::fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("server_url", &self.server_url)
            .field("app_id", &self.app_id)
            .field("token", &self.token)
            .field("service_token", &self.service_token)
            .finish()
    }
}

impl ClientBuilder {
    /// The server (default `https://base44.app`).
    pub fn server_url(mut self, url: impl Into<String>) -> Self {
        self.server_url = Some(url.into());
        self
    }

    /// The app id (required).
    pub fn app_id(mut self, id: impl Into<String>) -> Self {
        self.app_id = Some(id.into());
        self
    }

    /// The user's access token, sent as `Authorization: Bearer`.
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(Secret::new(token));
        self
    }

    /// The service-role token, used by [`Client::as_service_role`].
    pub fn service_token(mut self, token: impl Into<String>) -> Self {
        self.service_token = Some(Secret::new(token));
        self
    }

    /// Pin a functions version (`Base44-Functions-Version` header).
    pub fn functions_version(mut self, version: impl Into<String>) -> Self {
        self.functions_version = Some(version.into());
        self
    }

    /// An extra header on every request.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Request timeout (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Build the client.
    pub fn build(self) -> Result<Client, Error> {
        let app_id = self
            .app_id
            .filter(|a| !a.is_empty())
            .ok_or_else(|| Error::Config("app_id is required".into()))?;
        let server_url = self
            .server_url
            .unwrap_or_else(|| DEFAULT_SERVER_URL.to_string())
            .trim_end_matches('/')
            .to_string();
        reqwest::Url::parse(&server_url)
            .map_err(|e| Error::Config(format!("server_url {server_url:?}: {e}")))?;
        let mut headers = HeaderMap::new();
        for (name, value) in self.headers {
            let n = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| Error::Config(format!("invalid header name {name:?}")))?;
            let v = HeaderValue::from_str(&value)
                .map_err(|_| Error::Config(format!("invalid value for header {name:?}")))?;
            headers.insert(n, v);
        }
        let http = reqwest::Client::builder()
            .timeout(self.timeout.unwrap_or(DEFAULT_TIMEOUT))
            .build()
            .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                server_url,
                app_id,
                token: self.token,
                service_token: self.service_token,
                functions_version: self.functions_version,
                headers,
            }),
            service_role: false,
        })
    }
}

impl Client {
    /// Start configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The same client acting with the service role (admin) token, like the SDK's
    /// `base44.asServiceRole`.
    pub fn as_service_role(&self) -> Result<Client, Error> {
        if self.inner.service_token.is_none() {
            return Err(Error::Config(
                "as_service_role needs a service_token".into(),
            ));
        }
        Ok(Client {
            inner: Arc::clone(&self.inner),
            service_role: true,
        })
    }

    /// The functions module.
    pub fn functions(&self) -> Functions {
        Functions {
            client: self.clone(),
        }
    }

    /// Headers the SDK sends on every call: app id, bearer token, functions version, extras.
    pub(crate) fn base_headers(&self) -> Result<HeaderMap, Error> {
        let mut h = HeaderMap::new();
        let value = |v: &str| {
            HeaderValue::from_str(v)
                .map_err(|_| Error::Config("a header value is not valid".into()))
        };
        h.insert("x-app-id", value(&self.inner.app_id)?);
        let token = if self.service_role {
            self.inner.service_token.as_ref()
        } else {
            self.inner.token.as_ref()
        };
        if let Some(t) = token {
            let mut v = value(&format!("Bearer {}", t.expose()))?;
            v.set_sensitive(true);
            h.insert(reqwest::header::AUTHORIZATION, v);
        }
        if let Some(version) = &self.inner.functions_version {
            h.insert("base44-functions-version", value(version)?);
        }
        for (k, v) in &self.inner.headers {
            h.insert(k.clone(), v.clone());
        }
        Ok(h)
    }
}
