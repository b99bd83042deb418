//! Multipart bodies, encoded as the SDK encodes them: files with their name, objects as JSON
//! text, other values as their string form.

use serde::Serialize;

use crate::error::Error;

/// A file to upload in a form field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileUpload {
    /// The file's content.
    pub bytes: Vec<u8>,
    /// The file name sent.
    pub filename: String,
    /// Its MIME type (`application/octet-stream` when `None`).
    pub content_type: Option<String>,
}

impl FileUpload {
    /// A file from bytes and a name.
    pub fn new(bytes: impl Into<Vec<u8>>, filename: impl Into<String>) -> Self {
        FileUpload {
            bytes: bytes.into(),
            filename: filename.into(),
            content_type: None,
        }
    }
}

/// One field of a multipart body.
#[derive(Clone, Debug)]
enum Part {
    File {
        bytes: Vec<u8>,
        filename: String,
        content_type: Option<String>,
    },
    Text(String),
}

/// A multipart form for functions that read `req.formData()`.
#[derive(Clone, Debug, Default)]
pub struct Form {
    parts: Vec<(String, Part)>,
}

impl Form {
    /// An empty form.
    pub fn new() -> Self {
        Form::default()
    }

    /// A file field.
    pub fn file(
        mut self,
        name: impl Into<String>,
        bytes: impl Into<Vec<u8>>,
        filename: impl Into<String>,
        content_type: Option<&str>,
    ) -> Self {
        self.parts.push((
            name.into(),
            Part::File {
                bytes: bytes.into(),
                filename: filename.into(),
                content_type: content_type.map(str::to_string),
            },
        ));
        self
    }

    /// A file field from a [`FileUpload`].
    pub fn upload(self, name: impl Into<String>, file: &FileUpload) -> Self {
        self.file(
            name,
            file.bytes.clone(),
            file.filename.clone(),
            file.content_type.as_deref(),
        )
    }

    /// A text field.
    pub fn text(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.parts.push((name.into(), Part::Text(value.into())));
        self
    }

    /// Any serializable value: strings as themselves, numbers and booleans as their text,
    /// objects and arrays as JSON (what the SDK sends); `null` is skipped.
    pub fn value<T: Serialize + ?Sized>(
        mut self,
        name: impl Into<String>,
        value: &T,
    ) -> Result<Self, Error> {
        let v = serde_json::to_value(value)
            .map_err(|e| Error::Config(format!("cannot encode form field: {e}")))?;
        let text = match v {
            serde_json::Value::Null => return Ok(self),
            serde_json::Value::String(s) => s,
            other @ (serde_json::Value::Object(_) | serde_json::Value::Array(_)) => {
                other.to_string()
            }
            other => other.to_string(),
        };
        self.parts.push((name.into(), Part::Text(text)));
        Ok(self)
    }

    pub(crate) fn into_reqwest(self) -> Result<reqwest::multipart::Form, Error> {
        let mut form = reqwest::multipart::Form::new();
        for (name, part) in self.parts {
            form = match part {
                Part::Text(t) => form.text(name, t),
                Part::File {
                    bytes,
                    filename,
                    content_type,
                } => {
                    let mut p = reqwest::multipart::Part::bytes(bytes).file_name(filename);
                    let mime = content_type.unwrap_or_else(|| "application/octet-stream".into());
                    p = p
                        .mime_str(&mime)
                        .map_err(|_| Error::Config(format!("invalid content type {mime:?}")))?;
                    form.part(name, p)
                }
            };
        }
        Ok(form)
    }
}
