//! The input object as the code uses it: names bound to it or to its fields, and the fields
//! found so far with what the code proves about each (see [`super::evidence`] for the walk).

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap, FxHashSet};
use swc_ecma_ast::*;

use super::fields::{Field, ITEMS};
use crate::extract::ast_util::{
    is_ident, member_name, method_call, prop_name, str_value, unwrap_expr,
};
use crate::model::{Literal, Schema};

/// The input object as the code uses it.
#[derive(Default)]
pub struct Scope {
    /// Name of the handler's request parameter (`req`).
    pub request: String,
    /// Helpers handed the request that parse its body themselves (`authenticate(req)`).
    pub body_helper_calls: Vec<String>,
    /// Names bound to the whole input object (`body`, `payload`, a `...rest`).
    pub bodies: FxHashSet<String>,
    /// Local names bound to one field: name → wire path.
    pub locals: FxHashMap<String, Vec<String>>,
    /// Fields found, by wire name.
    pub fields: BTreeMap<String, Field>,
    /// Calls of module functions that were handed the input or one of its fields.
    pub passed_to: Vec<Passed>,
    /// Names whose `.get("x")` reads field `x` (a `FormData`, a `URLSearchParams`).
    pub getters: FxHashSet<String>,
    /// Names of `URL` objects whose `.searchParams.get("x")` reads field `x`.
    pub urls: FxHashSet<String>,
    /// A closed `switch` on a top-level field: the field and, per case value, the fields that
    /// case reads (with the evidence found inside the case alone).
    pub dispatch: Option<Dispatch>,
    /// Where the dispatch's branches are (see [`super::outside_reads`]).
    pub case_spans: Vec<swc_common::Span>,
    /// Fields read outside the dispatch's branches: they belong to every variant.
    pub read_outside: FxHashSet<String>,
    /// Fields rejected when missing past answers chosen by a field's values: (field, that
    /// field, the values answered before). Required in the other values' variants.
    pub required_unless: Vec<(Vec<String>, String, Vec<Literal>)>,
    /// Locals holding an entry of a `const` table picked by a field (`const builder =
    /// BUILDERS[type]`): name → (table, field).
    pub lookups: FxHashMap<String, (String, Vec<String>)>,
    /// Locals derived from a field so that a missing field leaves them falsy
    /// (`String(body.x || "")`, `(body.x || "").trim()`, `Number(body.x)`): rejecting a falsy
    /// one rejects a missing field. Their values are not the field's, so they carry no type.
    pub derived: FxHashMap<String, Vec<String>>,
    /// Locals whose falsiness does not follow the field's absence: bound with a truthy
    /// default (`{ limit = 10 }`), or assigned again (`if (!x) x = other`). Rejecting a falsy
    /// one proves nothing about the field.
    pub untracked: FxHashSet<String>,
    /// Fields cast to a declared type (`body.items as Item[]`), resolved once the walk is done.
    pub casts: Vec<(Vec<String>, TsType)>,
    /// Lists of missing field names (`["a", "b"].filter((k) => !body[k])`): name → the
    /// fields it checks (see [`super::missing_lists`]).
    pub missing: FxHashMap<String, Vec<Vec<String>>>,
    /// Locals bound to what a module function returns (`const errors = validate(body)`):
    /// name → function.
    pub call_results: FxHashMap<String, String>,
    /// Functions whose returned list of problems the handler rejects on, on every path
    /// (`if (errors.length) return 422`).
    pub rejected_lists_of: Vec<String>,
    /// In a helper's scope: the fields whose absence the list of problems it returns records.
    pub returned_missing: Vec<Vec<String>>,
    /// Paths the handler assigns before any read (`booking.status = "new"`): values the
    /// server sets itself, not input.
    pub written: FxHashSet<Vec<String>>,
    /// Locals that are NaN when a field is missing (`const n = Number(body.n)`): a rejected
    /// `!Number.isInteger(n)` rejects a missing field.
    pub nan_locals: FxHashMap<String, Vec<String>>,
    /// Locals that are `""` or `0` when a field is missing (see [`super::empty_text`]).
    pub empty_locals: super::empty_text::BlankLocals,
    /// Locals that copy the input or a field (`const p = { ...body.address, lat: 1 }`): name →
    /// the path copied and the keys the copy sets itself. `p.city` reads `address.city`.
    pub copies: FxHashMap<String, (Vec<String>, Vec<String>)>,
    /// Locals bound with a default (`{ note = "" }`): never undefined, whatever the input.
    pub defaulted: FxHashSet<String>,
    /// Locals holding a validator's answer (`const err = validate(body)`): name → the fields
    /// whose absence makes it fail, and how a failure shows.
    pub error_locals: FxHashMap<String, Verdict>,
    /// Locals holding an object built from fields (`const p = { id: String(body.id || "") }`,
    /// or a helper's `clean(body)`): name → per key, what a missing field makes of it.
    pub object_fields: FxHashMap<String, FxHashMap<String, DerivedKey>>,
    /// Locals given a field's value in every branch of an `if`/`else`: name → those fields
    /// (see [`super::branch_values`]).
    pub alternatives: FxHashMap<String, Vec<super::branch_values::Alternative>>,
    /// What the module around the code says (see [`super::module_facts::Facts`]).
    pub facts: super::module_facts::Facts,
}

/// A validator: `validate(b)` starting `if (!b.name) return "name is required"` (a message
/// means failure), `if (!b.name) return { ok: false }` ending `return { ok: true, ... }`
/// (a falsy `ok` means failure), or `if (!token) return { error: json(..., 401) }` ending
/// `return { session }` (a truthy `error` means failure).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Validator {
    /// The parameter checked.
    pub param: usize,
    /// The fields whose absence makes it fail, relative to the parameter.
    pub fields: Vec<Vec<String>>,
    /// How its answer shows a failure.
    pub failure: Failure,
}

/// How a validator's answer shows a failure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The answer itself is truthy (a message).
    Answer,
    /// The answer's `key` is falsy (`{ ok: false }`).
    FalsyKey(String),
    /// The answer's `key` is truthy (`{ error: "..." }`); `responds` when that value is an
    /// error response the handler can return as it is (`{ error: json({...}, 401) }`).
    TruthyKey {
        /// The key.
        key: String,
        /// Its value answers the request with an error status.
        responds: bool,
    },
}

/// A validator's verdict on a call: the fields (under what the call was handed) whose
/// absence makes it fail, and how the failure shows.
pub type Verdict = (Vec<Vec<String>>, Failure);

/// What a missing field makes of a value derived from it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DerivedKey {
    /// The field whose absence leaves the value falsy (`String(x || "").trim()`).
    pub falsy: Option<Vec<String>>,
    /// The field whose absence makes the value NaN (`Number(x)`).
    pub nan: Option<Vec<String>>,
}

/// The names a block may bind, saved when it starts and put back when it ends.
pub struct Bindings {
    locals: FxHashMap<String, Vec<String>>,
    derived: FxHashMap<String, Vec<String>>,
    nan_locals: FxHashMap<String, Vec<String>>,
    empty_locals: super::empty_text::BlankLocals,
    copies: FxHashMap<String, (Vec<String>, Vec<String>)>,
    object_fields: FxHashMap<String, FxHashMap<String, DerivedKey>>,
}

/// A call of a module function that was handed the input or a field of it: `save(body)`,
/// `save({ ...body, kind })` (a copy whose `kind` is not the input's), `run(kind, body.cfg)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Passed {
    /// The function's name.
    pub func: String,
    /// The argument's position.
    pub index: usize,
    /// Keys a copy of the input sets itself.
    pub own: Vec<String>,
    /// The field passed (empty for the whole input).
    pub prefix: Vec<String>,
    /// An object literal built from fields (`tpl({ name, items: body.list })`): key → field.
    pub keys: Vec<(String, Vec<String>)>,
    /// The call runs only on some paths: what the helper rejects is not required.
    pub conditional: bool,
}

/// The discriminant field of a closed `switch` and, per case value, the fields that case reads
/// and the helper calls it hands fields to.
pub type Dispatch = (String, Vec<(String, BTreeMap<String, Field>, Vec<Passed>)>);

impl Scope {
    /// The names bound now, to put back with [`Scope::restore`].
    pub fn bindings(&self) -> Bindings {
        Bindings {
            locals: self.locals.clone(),
            derived: self.derived.clone(),
            nan_locals: self.nan_locals.clone(),
            empty_locals: self.empty_locals.clone(),
            copies: self.copies.clone(),
            object_fields: self.object_fields.clone(),
        }
    }

    /// Put back the names bound before a block. A copy assigned in the block to a name
    /// declared outside it (`let address; if (a) address = { ...body.address }`) stays.
    pub fn restore(&mut self, saved: Bindings, declared: &FxHashSet<String>) {
        let assigned = std::mem::replace(&mut self.copies, saved.copies);
        for (name, copy) in assigned {
            if !declared.contains(&name) {
                self.copies.insert(name, copy);
            }
        }
        self.locals = saved.locals;
        // `let file; try { file = form.get("file") } ...`: what an outer name was given in
        // the block stays with it.
        let derived = std::mem::replace(&mut self.derived, saved.derived);
        for (name, path) in derived {
            if !declared.contains(&name) {
                self.derived.insert(name, path);
            }
        }
        self.nan_locals = saved.nan_locals;
        self.empty_locals = saved.empty_locals;
        self.object_fields = saved.object_fields;
    }

    /// `TABLE[x]` (or a local holding it) with `x` a field: the table and the field.
    pub fn lookup(&self, e: &Expr) -> Option<(String, Vec<String>)> {
        match unwrap_expr(e) {
            Expr::Ident(i) => self.lookups.get(&*i.sym).cloned(),
            Expr::Member(m) => {
                let (Expr::Ident(table), MemberProp::Computed(key)) =
                    (unwrap_expr(&m.obj), &m.prop)
                else {
                    return None;
                };
                let known = self.facts.tables.contains_key(&*table.sym)
                    || self.facts.function_tables.contains_key(&*table.sym);
                known.then(|| Some((table.sym.as_str().to_owned(), self.path_of(&key.expr)?)))?
            }
            _ => None,
        }
    }

    /// A scope where the JSON body's bindings (`body`, `{ a, b = 1 }`) stand for the input.
    pub fn of_bindings(bindings: &[super::sources::JsonBinding]) -> Scope {
        let mut scope = Scope::default();
        for b in bindings {
            scope.destructure(&b.pat, &[]);
        }
        scope
    }

    /// Mark `path` required, and every object on the way to it: a missing `a.b.c` is
    /// rejected only when `a` and `a.b` are there.
    pub fn require_path(&mut self, path: &[String]) {
        for end in 1..=path.len() {
            if let Some(f) = self.field(&path[..end]) {
                f.required = true;
            }
        }
    }

    /// The field at `path`, created when new.
    pub fn field(&mut self, path: &[String]) -> Option<&mut Field> {
        if (1..=path.len()).any(|n| self.written.contains(&path[..n])) {
            return None;
        }
        let (first, rest) = path.split_first()?;
        let mut f = self.fields.entry(first.clone()).or_default();
        for p in rest {
            f = if p == ITEMS {
                &mut **f.items.get_or_insert_with(Box::default)
            } else {
                f.nested.entry(p.clone()).or_default()
            };
        }
        Some(f)
    }

    /// Whether a field at `path` was read already.
    pub fn has_field(&self, path: &[String]) -> bool {
        let Some((first, rest)) = path.split_first() else {
            return false;
        };
        let mut f = self.fields.get(first);
        for p in rest {
            f = f.and_then(|f| {
                if p == ITEMS {
                    f.items.as_deref()
                } else {
                    f.nested.get(p)
                }
            });
        }
        f.is_some()
    }

    /// Bind the names of a destructuring pattern over the input object (or a field of it at
    /// `prefix`). Defaults make fields optional and give their type.
    pub fn destructure(&mut self, pat: &Pat, prefix: &[String]) {
        match pat {
            Pat::Ident(b) if prefix.is_empty() => {
                self.bodies.insert(b.id.sym.as_str().to_owned());
            }
            Pat::Ident(b) => {
                self.locals
                    .insert(b.id.sym.as_str().to_owned(), prefix.to_vec());
                self.field(prefix);
            }
            Pat::Assign(a) => {
                self.destructure(&a.left, prefix);
                if let Pat::Ident(b) = &*a.left {
                    let name = b.id.sym.as_str();
                    if truthy_literal(&a.right) {
                        self.untracked.insert(name.to_owned());
                    }
                    // `function norm(shop = "")`: never undefined, so `shop.replace(...)`
                    // cannot fail on a missing field.
                    self.defaulted.insert(name.to_owned());
                }
                if let Some(f) = self.field(prefix) {
                    f.optional = true;
                    if let Some(t) = literal_type(&a.right) {
                        f.add_type(t);
                    }
                }
            }
            Pat::Object(o) => {
                for p in &o.props {
                    match p {
                        ObjectPatProp::Assign(a) => {
                            let path = extend(prefix, a.key.sym.as_str().to_owned());
                            self.bind(&a.key.sym, path, a.value.as_deref());
                        }
                        ObjectPatProp::KeyValue(kv) => {
                            if let Some(name) = prop_name(&kv.key) {
                                self.destructure(&kv.value, &extend(prefix, name));
                            }
                        }
                        ObjectPatProp::Rest(r) if prefix.is_empty() => {
                            // `...rest` holds the other fields: reads off it are fields too.
                            if let Pat::Ident(b) = &*r.arg {
                                self.bodies.insert(b.id.sym.as_str().to_owned());
                            }
                        }
                        ObjectPatProp::Rest(_) => {}
                    }
                }
            }
            _ => {}
        }
    }

    /// Bind local `name` to the field at `path`; a default makes the field optional and
    /// gives its type.
    pub fn bind(&mut self, name: &str, path: Vec<String>, default: Option<&Expr>) {
        self.locals.insert(name.to_string(), path.clone());
        if default.is_some_and(truthy_literal) {
            self.untracked.insert(name.to_string());
        }
        if default.is_some() {
            self.defaulted.insert(name.to_string());
        }
        if let (Some(f), Some(default)) = (self.field(&path), default) {
            f.optional = true;
            f.default = literal(default);
            if let Some(t) = literal_type(default) {
                f.add_type(t);
            }
        }
    }

    /// `{ a, b: c = 1 }` as a helper's parameter, given an object literal whose keys the
    /// caller set from fields (`tpl({ name, items: body.list })`): each key's local stands for
    /// that field.
    pub fn destructure_mapped(&mut self, pat: &Pat, keys: &[(String, Vec<String>)]) {
        let pat = match pat {
            Pat::Assign(a) => &*a.left,
            other => other,
        };
        let Pat::Object(o) = pat else {
            return;
        };
        let path_of_key = |k: &str| keys.iter().find(|(n, _)| n == k).map(|(_, p)| p.clone());
        for p in &o.props {
            match p {
                ObjectPatProp::Assign(a) => {
                    if let Some(path) = path_of_key(&a.key.sym) {
                        self.bind(&a.key.sym, path, a.value.as_deref());
                    }
                }
                ObjectPatProp::KeyValue(kv) => {
                    if let Some(path) = prop_name(&kv.key).and_then(|k| path_of_key(&k)) {
                        self.destructure(&kv.value, &path);
                    }
                }
                ObjectPatProp::Rest(_) => {}
            }
        }
    }

    /// The wire path an expression reads, if it reads the input: `body.a.b`, `body?.a`,
    /// `body["a"]`, or a local bound to a field.
    pub fn path_of(&self, e: &Expr) -> Option<Vec<String>> {
        match unwrap_expr(e) {
            Expr::Ident(i) => self.locals.get(&*i.sym).cloned(),
            Expr::Call(c) => match self.passed_through(c) {
                Some(arg) => self.path_of(arg),
                None => self.getter_path(c),
            },
            Expr::Member(m) => self.member_path(&m.obj, &m.prop),
            Expr::OptChain(o) => match &*o.base {
                OptChainBase::Member(m) => self.member_path(&m.obj, &m.prop),
                _ => None,
            },
            // `body.opts || {}`, `body.items ?? []`: the field, or nothing when it is missing.
            Expr::Bin(b) if is_empty_fallback(b) => self.path_of(&b.left),
            // `Array.isArray(x) ? x : []`, `x ? x : {}`: the same.
            Expr::Cond(c) if is_empty_literal(&c.alt) => self.guarded_value(c),
            _ => None,
        }
    }

    /// `x ? x : other`, `body && body.x ? body.x : other`, `Array.isArray(x) ? x : other`,
    /// `typeof x === "string" ? x : other`: the field whose value the test lets through.
    pub(super) fn guarded_value(&self, c: &CondExpr) -> Option<Vec<String>> {
        let value = self.path_of(&c.cons)?;
        self.checks(&c.test, &value).then_some(value)
    }

    /// Whether `test` passes only when the input `body` is present (`body && ...`,
    /// `typeof body === "object"`).
    fn checks_body(&self, test: &Expr, body: &Expr) -> bool {
        let name = |e: &Expr| match unwrap_expr(e) {
            Expr::Ident(i) => Some(i.sym.clone()),
            _ => None,
        };
        match unwrap_expr(test) {
            Expr::Bin(b) if b.op == BinaryOp::LogicalAnd => {
                self.checks_body(&b.left, body) || self.checks_body(&b.right, body)
            }
            Expr::Bin(b) if b.op == BinaryOp::EqEqEq => match unwrap_expr(&b.left) {
                Expr::Unary(u) if u.op == UnaryOp::TypeOf => {
                    name(&u.arg).is_some() && name(&u.arg) == name(body)
                }
                _ => false,
            },
            other => name(other).is_some() && name(other) == name(body),
        }
    }

    /// Whether `test` passes only when the field at `path` is present.
    fn checks(&self, test: &Expr, path: &[String]) -> bool {
        match unwrap_expr(test) {
            Expr::Bin(b) if b.op == BinaryOp::LogicalAnd => {
                self.checks(&b.left, path) || self.checks(&b.right, path)
            }
            // `typeof x === "string"`, `x !== undefined`
            Expr::Bin(b)
                if matches!(b.op, BinaryOp::EqEqEq | BinaryOp::NotEqEq | BinaryOp::NotEq) =>
            {
                let checked = match unwrap_expr(&b.left) {
                    Expr::Unary(u) if u.op == UnaryOp::TypeOf && b.op == BinaryOp::EqEqEq => &u.arg,
                    other if b.op != BinaryOp::EqEqEq => {
                        let absent = is_ident(&b.right, "undefined")
                            || matches!(unwrap_expr(&b.right), Expr::Lit(Lit::Null(_)));
                        if !absent {
                            return false;
                        }
                        other
                    }
                    _ => return false,
                };
                self.path_of(checked).as_deref() == Some(path)
            }
            // `Array.isArray(x)`, `Array.isArray(body && body.x)`
            Expr::Call(c) => {
                let last = |e: &'_ Expr| -> Option<Vec<String>> {
                    let mut e = unwrap_expr(e);
                    while let Expr::Bin(b) = e {
                        if b.op != BinaryOp::LogicalAnd {
                            break;
                        }
                        e = unwrap_expr(&b.right);
                    }
                    self.path_of(e)
                };
                method_call(c).is_some_and(|(o, m)| is_ident(o, "Array") && m == "isArray")
                    && c.args.first().and_then(|a| last(&a.expr)).as_deref() == Some(path)
            }
            other => self.path_of(other).as_deref() == Some(path),
        }
    }

    /// `form.get("x")`, `params.get("x")`, `url.searchParams.get("x")`, `getAll` too.
    pub(super) fn getter_path(&self, c: &CallExpr) -> Option<Vec<String>> {
        let (obj, method) = method_call(c)?;
        if method != "get" && method != "getAll" {
            return None;
        }
        let reader = match unwrap_expr(obj) {
            Expr::Ident(i) => self.getters.contains(&*i.sym),
            Expr::Member(m) => {
                member_name(&m.prop).as_deref() == Some("searchParams")
                    && match unwrap_expr(&m.obj) {
                        Expr::Ident(i) => self.urls.contains(&*i.sym),
                        // `new URL(req.url).searchParams.get("x")` inline.
                        Expr::New(n) => self.request_url(n),
                        _ => false,
                    }
            }
            _ => false,
        };
        if !reader {
            return None;
        }
        match c.args.first().map(|a| unwrap_expr(&a.expr)) {
            Some(Expr::Lit(Lit::Str(s))) => Some(vec![str_value(s)]),
            _ => None,
        }
    }

    /// `new URL(req.url)` on the handler's request.
    fn request_url(&self, n: &NewExpr) -> bool {
        let arg = n.args.as_deref().and_then(|a| a.first());
        is_ident(&n.callee, "URL")
            && arg.is_some_and(|a| match unwrap_expr(&a.expr) {
                Expr::Member(m) => {
                    member_name(&m.prop).as_deref() == Some("url")
                        && is_ident(&m.obj, &self.request)
                }
                _ => false,
            })
    }

    pub(super) fn member_path(&self, obj: &Expr, prop: &MemberProp) -> Option<Vec<String>> {
        let name = member_name(prop)?;
        if let Expr::Ident(i) = unwrap_expr(obj) {
            if self.bodies.contains(&*i.sym) {
                return Some(vec![name.into_owned()]);
            }
            if let Some((path, own)) = self.copies.get(&*i.sym) {
                return (!own.iter().any(|o| *o == name)).then(|| extend(path, name.into_owned()));
            }
        }
        let mut base = self.path_of(obj)?;
        base.push(name.into_owned());
        Some(base)
    }

    pub(super) fn is_body(&self, e: &Expr) -> bool {
        match unwrap_expr(e) {
            Expr::Ident(i) => self.bodies.contains(&*i.sym),
            // `sanitize(body)`: a helper that gives back what it is given, cleaned.
            Expr::Call(c) => self.passed_through(c).is_some_and(|a| self.is_body(a)),
            // `const { a } = payload || {}`
            Expr::Bin(b) if is_empty_fallback(b) => self.is_body(&b.left),
            // `rawBody.body || rawBody`: the body, or the one an envelope wraps (whose own
            // field is read as such); the fields read off it are the body's.
            Expr::Bin(b)
                if matches!(b.op, BinaryOp::LogicalOr | BinaryOp::NullishCoalescing)
                    && self.is_body(&b.right)
                    && self.path_of(&b.left).is_some_and(|p| p.len() == 1) =>
            {
                true
            }
            // `typeof payload === "object" && payload ? payload : {}`
            Expr::Cond(c) if is_empty_literal(&c.alt) => {
                self.is_body(&c.cons) && self.checks_body(&c.test, &c.cons)
            }
            _ => false,
        }
    }
}

fn extend(prefix: &[String], name: String) -> Vec<String> {
    let mut p = prefix.to_vec();
    p.push(name);
    p
}

/// `{}` or `[]`.
pub(super) fn is_empty_literal(e: &Expr) -> bool {
    match unwrap_expr(e) {
        Expr::Object(o) => o.props.is_empty(),
        Expr::Array(a) => a.elems.is_empty(),
        _ => false,
    }
}

/// `x || {}`, `x ?? []`: a fallback that only stands in for a missing value.
fn is_empty_fallback(b: &BinExpr) -> bool {
    matches!(b.op, BinaryOp::LogicalOr | BinaryOp::NullishCoalescing)
        && match unwrap_expr(&b.right) {
            Expr::Object(o) => o.props.is_empty(),
            Expr::Array(a) => a.elems.is_empty(),
            _ => false,
        }
}

/// A literal that is always truthy: a non-empty string, a non-zero number, `true`, an object
/// or array literal.
fn truthy_literal(e: &Expr) -> bool {
    match unwrap_expr(e) {
        Expr::Lit(Lit::Str(s)) => !s.value.is_empty(),
        Expr::Lit(Lit::Num(n)) => n.value != 0.0 && !n.value.is_nan(),
        Expr::Lit(Lit::Bool(b)) => b.value,
        Expr::Object(_) | Expr::Array(_) => true,
        _ => false,
    }
}

/// A literal that is always falsy: `""`, `0`, `false`, `null`, `undefined`.
pub(super) fn falsy_literal(e: &Expr) -> bool {
    match unwrap_expr(e) {
        Expr::Lit(Lit::Str(s)) => s.value.is_empty(),
        Expr::Lit(Lit::Num(n)) => n.value == 0.0,
        Expr::Lit(Lit::Bool(b)) => !b.value,
        Expr::Lit(Lit::Null(_)) => true,
        other => is_ident(other, "undefined"),
    }
}

/// The type a default value or fallback proves.
pub fn literal_type(e: &Expr) -> Option<Schema> {
    Some(match unwrap_expr(e) {
        Expr::Lit(Lit::Str(_)) | Expr::Tpl(_) => Schema::string(),
        Expr::Lit(Lit::Num(_)) => Schema::Number,
        Expr::Lit(Lit::Bool(_)) => Schema::Boolean,
        Expr::Array(_) => Schema::Array(Box::new(Schema::Any)),
        Expr::Object(_) => Schema::Object(Default::default()),
        // `source === "ai" ? "AI Images" : "Images"`: both sides prove the same type.
        Expr::Cond(c) => {
            let t = literal_type(&c.cons)?;
            return (literal_type(&c.alt)? == t).then_some(t);
        }
        _ => return None,
    })
}

pub(super) fn literal(e: &Expr) -> Option<Literal> {
    match unwrap_expr(e) {
        Expr::Lit(Lit::Str(s)) => Some(Literal::String(str_value(s))),
        Expr::Lit(Lit::Num(n)) => Some(Literal::number(n.value)),
        Expr::Lit(Lit::Bool(b)) => Some(Literal::Bool(b.value)),
        _ => None,
    }
}
