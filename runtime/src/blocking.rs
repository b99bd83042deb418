//! A synchronous client for callers without an async runtime (feature `blocking`). Each call
//! runs the async client on a small runtime owned by the client.

use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::Error;
use crate::form::Form;

/// A blocking wrapper around [`crate::Client`]. Do not use it inside an async runtime.
#[derive(Clone, Debug)]
pub struct Client {
    inner: crate::Client,
    rt: Arc<tokio::runtime::Runtime>,
}

impl Client {
    /// Wrap an async client (built with [`crate::Client::builder`]).
    pub fn new(inner: crate::Client) -> Result<Self, Error> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| Error::Config(format!("cannot start the blocking runtime: {e}")))?;
        Ok(Client {
            inner,
            rt: Arc::new(rt),
        })
    }

    /// The same client acting with the service role token.
    pub fn as_service_role(&self) -> Result<Client, Error> {
        Ok(Client {
            inner: self.inner.as_service_role()?,
            rt: Arc::clone(&self.rt),
        })
    }

    /// The functions module.
    pub fn functions(&self) -> Functions {
        Functions {
            inner: self.inner.functions(),
            rt: Arc::clone(&self.rt),
        }
    }
}

/// Blocking counterpart of [`crate::Functions`].
#[derive(Clone, Debug)]
pub struct Functions {
    inner: crate::Functions,
    rt: Arc<tokio::runtime::Runtime>,
}

impl Functions {
    /// Invoke `name` with a JSON body and decode the JSON answer.
    pub fn invoke<Req: Serialize + ?Sized, Resp: DeserializeOwned>(
        &self,
        name: &str,
        data: &Req,
    ) -> Result<Resp, Error> {
        self.rt.block_on(self.inner.invoke(name, data))
    }

    /// Invoke `name` without input.
    pub fn invoke_empty<Resp: DeserializeOwned>(&self, name: &str) -> Result<Resp, Error> {
        self.rt.block_on(self.inner.invoke_empty(name))
    }

    /// Invoke `name` with a multipart body.
    pub fn invoke_multipart<Resp: DeserializeOwned>(
        &self,
        name: &str,
        form: Form,
    ) -> Result<Resp, Error> {
        self.rt.block_on(self.inner.invoke_multipart(name, form))
    }

    /// Invoke `name` and get the answer as text.
    pub fn invoke_text<Req: Serialize + ?Sized>(
        &self,
        name: &str,
        data: Option<&Req>,
    ) -> Result<String, Error> {
        self.rt.block_on(self.inner.invoke_text(name, data))
    }
}
