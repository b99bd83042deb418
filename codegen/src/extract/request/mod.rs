//! The input side of a function: how it reads its input (`input`), the input's schema
//! (`request`) and the HTTP methods it accepts (`methods`).
//!
//! Typed input (an annotation, `as T`, a zod `parse`) gives the declared type. Otherwise the
//! schema is inferred from how the code uses the input, as far as the code proves it: see
//! [`evidence`]. Fields without evidence of a type are `{}`; fields are required only when
//! the code rejects the request without them.

mod absence;
mod blank_compare;
mod body_helpers;
mod branch_values;
mod builtins;
mod empty_text;
mod evidence;
mod fields;
mod helpers;
mod items;
mod methods;
mod missing_lists;
mod module_facts;
mod outside_reads;
mod patterns;
mod reach;
mod rejections;
mod returns;
mod scope;
mod sources;
mod text_body;
mod text_warnings;
mod type_evidence;
mod uses;
mod validators;
mod values;

use swc_ecma_ast::*;

use self::evidence::Evidence;
use self::scope::Scope;
use self::sources::Sources;
use self::text_warnings::{parsed_text_warning, TextParse};
use super::handler::{legacy_input, Handler, HandlerStyle};
use super::types::TypeContext;
use crate::model::{InputKind, Schema};
use crate::parse::ParsedFile;

/// The input side of a function.
pub struct Input {
    /// How the input is read.
    pub kind: InputKind,
    /// Its schema (`None` for no input).
    pub schema: Option<Schema>,
    /// Accepted HTTP methods when the code restricts them.
    pub methods: Option<Vec<String>>,
    /// Input the manifest cannot describe: query parameters read besides a body.
    pub warning: Option<String>,
}

/// Work out how the handler reads its input and what the input looks like.
pub fn analyze(file: &ParsedFile, handler: &Handler, types: &mut TypeContext<'_>) -> Input {
    let params = handler.func.params();
    if handler.style == HandlerStyle::Legacy {
        return legacy(file, handler, types, legacy_input(&handler.func));
    }
    let req = match params.first() {
        Some(Pat::Ident(b)) => b.id.sym.as_str().to_owned(),
        _ => {
            return Input {
                kind: InputKind::None,
                schema: None,
                methods: None,
                warning: None,
            };
        }
    };
    let mut text_fns = returns::module_functions(&file.module);
    text_fns.extend(returns::local_functions(handler.func.body_stmts()));
    let mut sources = Sources {
        req: req.clone(),
        body_helpers: body_helpers::find(file, handler, types, &req),
        text_parsing: text_body::TextParsing::read(&text_fns, &handler.func, &req),
        ..Default::default()
    };
    handler.func.visit(&mut sources);
    let methods = methods::accepted(handler, &req);
    let (kind, schema) = if sources.json || !sources.json_bindings.is_empty() {
        (InputKind::Json, json_schema(file, handler, types, &sources))
    } else if sources.form {
        let mut scope = Scope::default();
        scope.getters.extend(sources.forms.iter().cloned());
        (
            InputKind::Formdata,
            Some(files_for_objects(evidence_schema(
                file, handler, types, &mut scope, None,
            ))),
        )
    } else if sources.query {
        let mut scope = Scope {
            request: req.clone(),
            ..Scope::default()
        };
        scope.getters.extend(sources.params.iter().cloned());
        scope.urls.extend(sources.urls.iter().cloned());
        // Query values are strings on the wire, whatever the code converts them to.
        (
            InputKind::Query,
            Some(evidence_schema(
                file,
                handler,
                types,
                &mut scope,
                Some(Schema::string()),
            )),
        )
    } else if sources.text {
        (InputKind::Text, Some(Schema::string()))
    } else {
        (InputKind::None, None)
    };
    // A body and query parameters: the manifest has one input, and `functions.invoke` sends
    // no query string, so the parameters are reported rather than silently dropped.
    let warning = (sources.query && matches!(kind, InputKind::Json | InputKind::Formdata))
        .then(|| query_names(file, handler, types, &sources))
        .filter(|names| !names.is_empty())
        .map(|names| {
            format!(
                "reads query parameters ({}) besides its {} body: the manifest describes the body only, and `functions.invoke` sends no query string",
                names.join(", "),
                if kind == InputKind::Json { "JSON" } else { "form" }
            )
        });
    // A text body parsed as a URL-encoded form (`new URLSearchParams(await req.text())`): its
    // fields are named, but the input stays text. A `formdata` input would be sent as
    // multipart (by the Rust client, and by the SDK when a field is a file) or as JSON (by the
    // SDK otherwise), and `URLSearchParams` parses neither: the encoded text is what works.
    let warning = warning.or_else(|| {
        (kind == InputKind::Text && !sources.urlencoded.is_empty())
            .then(|| parsed_text_warning(file, handler, types, &sources, TextParse::UrlEncoded))
    });
    // Text kept in a local and parsed as JSON from there (`const raw = await req.text();
    // verify(raw, sig); const event = JSON.parse(raw)`): the raw text is what the handler
    // needs, so the input stays text, but the fields read off the parsed value are named.
    let warning = warning.or_else(|| {
        (kind == InputKind::Text && !sources.json_texts.is_empty())
            .then(|| parsed_text_warning(file, handler, types, &sources, TextParse::Json))
    });
    // A body only read through a transform (`const payload = clean(body)`): say why the
    // request says nothing rather than leave it silently empty.
    let warning = warning.or_else(|| {
        let empty = kind == InputKind::Json && matches!(schema, Some(Schema::Any));
        empty.then(|| helpers::transformed_by(handler, &sources)).flatten().map(|f| {
            format!(
                "reads its JSON body through `{f}(...)`: fields read off the result are not followed, so the request is described as any JSON"
            )
        })
    });
    Input {
        kind,
        schema,
        methods,
        warning,
    }
}

/// A form value is a string or a file: one the code reads properties off (`file.size`,
/// `file.name`) is a file.
fn files_for_objects(schema: Schema) -> Schema {
    match schema {
        Schema::Object(mut obj) => {
            for p in obj.properties.values_mut() {
                if matches!(p.schema, Schema::Object(_)) {
                    p.schema = Schema::String(Some(crate::model::StringFormat::Binary));
                }
            }
            Schema::Object(obj)
        }
        other => other,
    }
}

/// The query parameters the handler reads, as `name` in code quotes.
fn query_names(
    file: &ParsedFile,
    handler: &Handler,
    types: &mut TypeContext<'_>,
    sources: &Sources,
) -> Vec<String> {
    let mut scope = Scope {
        request: sources.req.clone(),
        ..Scope::default()
    };
    scope.getters.extend(sources.params.iter().cloned());
    scope.urls.extend(sources.urls.iter().cloned());
    match evidence_schema(file, handler, types, &mut scope, None) {
        Schema::Object(obj) => obj.properties.keys().map(|k| format!("`{k}`")).collect(),
        _ => Vec::new(),
    }
}

fn json_schema(
    file: &ParsedFile,
    handler: &Handler,
    types: &mut TypeContext<'_>,
    sources: &Sources,
) -> Option<Schema> {
    // Declared types first: an annotation or `as T`, then a zod parse.
    if let Some(ty) = sources.json_bindings.iter().find_map(|b| b.ty.as_ref()) {
        let declared = types.schema_of(ty);
        let Some(additional) = loose(&declared) else {
            return Some(required_by_checks(file, handler, types, sources, declared));
        };
        // `as Record<string, unknown>` (or `any`) declares nothing about the fields: what the
        // code reads and rejects does, and other keys stay allowed.
        let mut scope = Scope::of_bindings(&sources.json_bindings);
        scope.request = sources.req.clone();
        scope.body_helper_calls = sources.body_helper_calls.clone();
        return Some(
            match evidence_schema(file, handler, types, &mut scope, None) {
                Schema::Object(mut obj) => {
                    obj.additional = additional;
                    Schema::Object(obj)
                }
                Schema::Any => declared,
                other => other,
            },
        );
    }
    if let Some(s) = sources.parsed_with.iter().find_map(|e| types.zod_schema(e)) {
        return Some(s);
    }
    // A schema from a package: say so, and describe what the code reads off the result.
    for e in &sources.parsed_with {
        if types.warn_package_schema(e) {
            break;
        }
    }
    let mut scope = Scope::of_bindings(&sources.json_bindings);
    scope.request = sources.req.clone();
    scope.body_helper_calls = sources.body_helper_calls.clone();
    Some(evidence_schema(file, handler, types, &mut scope, None))
}

/// `(await req.json()) as { code?: string }` and then `if (!code) return 400`: the type
/// declared inline, with the fields the code rejects when missing made required. (A named
/// type is left as declared: it is the app's own, shared with whatever else uses it.)
fn required_by_checks(
    file: &ParsedFile,
    handler: &Handler,
    types: &mut TypeContext<'_>,
    sources: &Sources,
    declared: Schema,
) -> Schema {
    let Schema::Object(mut obj) = declared else {
        return declared;
    };
    if obj.properties.values().all(|p| p.required) {
        return Schema::Object(obj);
    }
    let mut scope = Scope::of_bindings(&sources.json_bindings);
    scope.request = sources.req.clone();
    scope.body_helper_calls = sources.body_helper_calls.clone();
    if let Schema::Object(found) = evidence_schema(file, handler, types, &mut scope, None) {
        for (name, p) in obj.properties.iter_mut() {
            p.required |= found.properties.get(name).is_some_and(|f| f.required);
        }
    }
    Schema::Object(obj)
}

/// A declared input type that says nothing about its fields (`any`, `unknown`,
/// `Record<string, unknown>`): `Some(what other keys may hold)`.
fn loose(declared: &Schema) -> Option<Option<Box<Schema>>> {
    match declared {
        Schema::Any => Some(None),
        Schema::Object(obj)
            if obj.properties.is_empty()
                && obj.additional.as_deref().is_none_or(|a| *a == Schema::Any) =>
        {
            Some(obj.additional.clone())
        }
        _ => None,
    }
}

/// Run the evidence pass over the handler and the same-file functions the input is passed to.
fn evidence_schema(
    file: &ParsedFile,
    handler: &Handler,
    types: &mut TypeContext<'_>,
    scope: &mut Scope,
    every: Option<Schema>,
) -> Schema {
    // The module's constants and guards, and what the helpers the handler can call answer:
    // declared in its file, inside it, or imported by name from a relative module
    // (`import { text } from "../_shared/h.ts"`).
    scope.facts = module_facts::Facts::consts_of(&file.module);
    let imported_files = returns::imported_modules(&file.module, types);
    let mut helpers_fns = returns::module_functions(&file.module);
    let mut known = module_facts::Facts::default();
    for (module, names) in &imported_files {
        helpers_fns.extend(returns::module_functions_named(&module.module, names));
        known.imported(&module.module, names);
        for (name, pattern) in module_facts::module_regexes(&module.module) {
            scope.facts.regexes.entry(name).or_insert(pattern);
        }
        // `import { CONSENT_VERSION } from "../_shared/x.js"`, under its local name.
        let mut consts = module_facts::module_consts(&module.module, scope::literal);
        for (local, remote) in names {
            if let Some(value) = consts.remove(remote) {
                scope.facts.consts.entry(local.clone()).or_insert(value);
            }
        }
    }
    helpers_fns.extend(returns::local_functions(handler.func.body_stmts()));
    scope.facts.read_helpers(&helpers_fns, &known);
    handler.func.visit_children(&mut Evidence::new(&mut *scope));
    scope.read_outside = outside_reads::outside_reads(handler, scope);
    helpers::follow(file, handler, types, scope);
    let called = std::mem::take(&mut scope.body_helper_calls);
    body_helpers::follow(file, handler, types, scope, &called);
    // Each case of a dispatch follows the helpers it hands fields to, for its own variant.
    if let Some((tag, cases)) = scope.dispatch.take() {
        let cases = cases
            .into_iter()
            .map(|(value, fields, passed)| {
                let mut inner = Scope {
                    fields,
                    passed_to: passed,
                    facts: scope.facts.clone(),
                    ..Scope::default()
                };
                helpers::follow(file, handler, types, &mut inner);
                (value, inner.fields, Vec::new())
            })
            .collect::<Vec<_>>();
        if cases.iter().any(|(_, f, _)| !f.is_empty()) {
            scope.dispatch = Some((tag, cases));
        }
    }
    // `body.items as Item[]`: the declared type of that field, when it says something.
    for (path, ty) in std::mem::take(&mut scope.casts) {
        let declared = types.schema_of(&ty);
        if loose(&declared).is_none() {
            if let Some(f) = scope.field(&path) {
                f.declared = Some(declared);
            }
        }
    }
    if scope.fields.is_empty() && scope.getters.is_empty() && scope.urls.is_empty() {
        return Schema::Any;
    }
    if let Some(t) = every {
        for f in scope.fields.values_mut() {
            f.types = vec![t.clone()];
            f.literals.retain(|_| false);
            f.exact = None;
        }
    }
    if let Some(union) = dispatch_union(scope) {
        return union;
    }
    Schema::Object(fields::object(&scope.fields))
}

/// A case's own reading of a field that shows no type, given the type the whole handler
/// shows for it (`getKey(email)` before the dispatch calls `email?.toLowerCase()`, the case
/// only logs `email`): the same field, read for the same purpose.
fn typed_from(own: &fields::Field, whole: Option<&fields::Field>) -> fields::Field {
    let mut f = own.clone();
    if let Some(whole) = whole.filter(|w| !w.open && own.types.is_empty() && own.declared.is_none())
    {
        f.types = whole.types.clone();
        f.declared = whole.declared.clone();
    }
    f
}

/// A field without what is read off it (its nested fields and items).
fn shallow(f: &fields::Field) -> fields::Field {
    fields::Field {
        nested: Default::default(),
        items: None,
        ..f.clone()
    }
}

/// A closed `switch` whose cases read different fields: one object per case, tagged by the
/// discriminant's value, each with the fields read outside any case plus its own.
fn dispatch_union(scope: &Scope) -> Option<Schema> {
    use crate::model::{Literal, Property};
    let (tag, cases) = scope.dispatch.as_ref()?;
    // Every value the code accepts needs its variant: a value handled by a branch that was
    // not read as one (it does not always leave the function) leaves the plain enum.
    let handled = |l: &crate::model::Literal| matches!(l, crate::model::Literal::String(v) if cases.iter().any(|(c, _, _)| c == v));
    if !scope.fields.get(tag)?.accepted().iter().all(handled) {
        return None;
    }
    let in_cases: std::collections::BTreeSet<&String> =
        cases.iter().flat_map(|(_, f, _)| f.keys()).collect();
    // Fields read outside the cases belong to every variant; so does a field rejected when
    // missing before the dispatch (`if (!session_id) return 400`), whatever the cases do.
    let common: std::collections::BTreeMap<String, fields::Field> = scope
        .fields
        .iter()
        .filter(|(k, f)| *k != tag && (!in_cases.contains(k) || f.required))
        .map(|(k, f)| (k.clone(), f.clone()))
        .collect();
    let mut variants: Vec<Schema> = cases
        .iter()
        .map(|(value, own, _)| {
            let mut all = common.clone();
            // Rejected past earlier answers: required unless this value was answered there.
            for (path, on, answered) in &scope.required_unless {
                if on == tag && !answered.contains(&Literal::String(value.clone())) {
                    if let Some((first, rest)) = path.split_first() {
                        let mut f = all.entry(first.clone()).or_default();
                        f.required = true;
                        for key in rest {
                            f = f.nested.entry(key.clone()).or_default();
                            f.required = true;
                        }
                    }
                }
            }
            for (k, f) in own {
                // A field checked before the dispatch and used in this case: what both show.
                match all.get_mut(k) {
                    Some(common) => helpers::merge_field(common, f.clone()),
                    None => {
                        all.insert(k.clone(), typed_from(f, scope.fields.get(k)));
                    }
                }
            }
            // Read outside the cases and in some of them (`keyFor(email)` before the
            // dispatch): in every variant, as what the handler shows of the field itself (what
            // is read off it inside is each case's).
            for k in &scope.read_outside {
                if let (false, true, Some(f)) = (
                    all.contains_key(k) || k == tag,
                    in_cases.contains(k),
                    scope.fields.get(k),
                ) {
                    all.insert(k.clone(), shallow(f));
                }
            }
            let mut obj = fields::object(&all);
            let tag_schema = Schema::Const(Literal::String(value.clone()));
            // The variant a missing tag defaults to (`action = "list"`) takes no tag too.
            let defaulted = scope.fields.get(tag).and_then(|f| f.default.as_ref())
                == Some(&Literal::String(value.clone()));
            obj.properties.insert(
                tag.clone(),
                if defaulted {
                    Property::optional(tag_schema)
                } else {
                    Property::required(tag_schema)
                },
            );
            Schema::Object(obj)
        })
        .collect();
    // One accepted value: the object itself, not a union of one.
    if variants.len() == 1 {
        return variants.pop();
    }
    // Variants that differ only in the tag say no more than the tag's enum.
    let rest = |v: &Schema| match v {
        Schema::Object(o) => {
            let mut o = o.clone();
            o.properties.remove(tag);
            Some(o)
        }
        _ => None,
    };
    let first = variants.first().and_then(rest);
    if first.is_some() && variants.iter().all(|v| rest(v) == first) {
        let required = variants.iter().all(|v| match v {
            Schema::Object(o) => o.properties.get(tag).is_some_and(|p| p.required),
            _ => false,
        });
        let mut one = first?;
        let tag_schema = scope.fields.get(tag)?.schema();
        one.properties.insert(
            tag.clone(),
            if required {
                Property::required(tag_schema)
            } else {
                Property::optional(tag_schema)
            },
        );
        return Some(Schema::Object(one));
    }
    Some(Schema::Union(variants))
}

/// Legacy `handler({ a, b = 1 }, ctx)`: the first parameter is the input object (the second
/// when the first is the context, see [`legacy_input`]).
fn legacy(
    file: &ParsedFile,
    handler: &Handler,
    types: &mut TypeContext<'_>,
    first: Option<&Pat>,
) -> Input {
    let Some(pat) = first else {
        return Input {
            kind: InputKind::None,
            schema: None,
            methods: None,
            warning: None,
        };
    };
    let annotated = match pat {
        Pat::Ident(b) => b.type_ann.as_ref(),
        Pat::Object(o) => o.type_ann.as_ref(),
        Pat::Assign(a) => match &*a.left {
            Pat::Object(o) => o.type_ann.as_ref(),
            _ => None,
        },
        _ => None,
    };
    let schema = match annotated {
        Some(t) => types.schema_of(&t.type_ann),
        None => {
            let mut scope = Scope::default();
            let inner = match pat {
                Pat::Assign(a) => &*a.left,
                other => other,
            };
            scope.destructure(inner, &[]);
            evidence_schema(file, handler, types, &mut scope, None)
        }
    };
    Input {
        kind: InputKind::Params,
        schema: Some(schema),
        methods: None,
        warning: None,
    }
}
