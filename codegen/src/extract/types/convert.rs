//! TS type nodes → schemas: keywords, literals, objects, arrays, tuples, unions,
//! intersections, references to declarations and built-in generics.

use swc_common::Spanned;
use swc_ecma_ast::*;

use super::scope::{self, Declared, Origin, Src};
use super::{Subst, TypeContext, MAX_TYPE_DEPTH};
use crate::extract::ast_util::{key_name, str_value};
use crate::model::{Literal, ObjectType, Property, Schema, StringFormat, TypeDef};

/// How many import/re-export hops a name lookup follows (cycles end here).
const MAX_HOPS: usize = 16;

impl TypeContext<'_> {
    /// The schema of `ty`, read in `src`, with type parameters `subst`.
    pub(crate) fn convert(&mut self, src: &Src, ty: &TsType, subst: &Subst) -> Schema {
        if self.depth >= MAX_TYPE_DEPTH {
            self.warn(
                src,
                ty.span(),
                format!("type nested more than {MAX_TYPE_DEPTH} levels; using {{}}"),
            );
            return Schema::Any;
        }
        self.depth += 1;
        let s = self.convert_inner(src, ty, subst);
        self.depth -= 1;
        s
    }

    fn convert_inner(&mut self, src: &Src, ty: &TsType, subst: &Subst) -> Schema {
        match ty {
            TsType::TsKeywordType(k) => keyword(k.kind),
            TsType::TsLitType(l) => match &l.lit {
                TsLit::Str(s) => Schema::Const(Literal::String(str_value(s))),
                TsLit::Number(n) => Schema::Const(Literal::number(n.value)),
                TsLit::Bool(b) => Schema::Const(Literal::Bool(b.value)),
                TsLit::Tpl(_) => Schema::string(),
                _ => Schema::Integer,
            },
            TsType::TsParenthesizedType(p) => self.convert(src, &p.type_ann, subst),
            TsType::TsArrayType(a) => {
                Schema::Array(Box::new(self.convert(src, &a.elem_type, subst)))
            }
            TsType::TsTupleType(t) => self.tuple(src, t, subst),
            TsType::TsTypeLit(lit) => Schema::Object(self.members(src, &lit.members, subst)),
            TsType::TsUnionOrIntersectionType(TsUnionOrIntersectionType::TsUnionType(u)) => {
                let items: Vec<Schema> = u
                    .types
                    .iter()
                    .map(|t| self.convert(src, t, subst))
                    .collect();
                literal_union(items)
            }
            TsType::TsUnionOrIntersectionType(TsUnionOrIntersectionType::TsIntersectionType(i)) => {
                let items: Vec<Schema> = i
                    .types
                    .iter()
                    .map(|t| self.convert(src, t, subst))
                    .collect();
                self.intersect(src, i.span, items)
            }
            TsType::TsTypeOperator(op) if op.op == TsTypeOperatorOp::ReadOnly => {
                self.convert(src, &op.type_ann, subst)
            }
            TsType::TsTypeRef(r) => self.type_ref(src, r, subst),
            TsType::TsOptionalType(o) => self.convert(src, &o.type_ann, subst),
            TsType::TsRestType(r) => self.convert(src, &r.type_ann, subst),
            TsType::TsIndexedAccessType(ix) => match self.list_element(src, ix) {
                Some(s) => s,
                None => self.unsupported(src, ty),
            },
            other => self.unsupported(src, other),
        }
    }

    /// `{}` with a warning naming the construct.
    fn unsupported(&mut self, src: &Src, other: &TsType) -> Schema {
        let what = match other {
            TsType::TsConditionalType(_) => "conditional type",
            TsType::TsMappedType(_) => "mapped type",
            TsType::TsTypeOperator(_) => "`keyof`/`unique` type operator",
            TsType::TsIndexedAccessType(_) => "indexed access type",
            TsType::TsTypeQuery(_) => "`typeof` type",
            TsType::TsFnOrConstructorType(_) => "function type",
            TsType::TsImportType(_) => "`import()` type",
            _ => "type construct",
        };
        self.warn(
            src,
            other.span(),
            format!("{what} is not supported; using {{}}"),
        );
        Schema::Any
    }

    fn tuple(&mut self, src: &Src, t: &TsTupleType, subst: &Subst) -> Schema {
        let mut items = Vec::new();
        let mut min_items = 0;
        let mut rest = None;
        for e in &t.elem_types {
            match &*e.ty {
                TsType::TsRestType(r) => {
                    let s = self.convert(src, &r.type_ann, subst);
                    rest = Some(Box::new(match s {
                        Schema::Array(item) => *item,
                        other => other,
                    }));
                }
                TsType::TsOptionalType(o) => items.push(self.convert(src, &o.type_ann, subst)),
                ty => {
                    items.push(self.convert(src, ty, subst));
                    min_items = items.len();
                }
            }
        }
        Schema::Tuple {
            items,
            min_items,
            rest,
        }
    }

    /// Object members: properties (with optionality and JSDoc) and index signatures.
    pub(crate) fn members(
        &mut self,
        src: &Src,
        members: &[TsTypeElement],
        subst: &Subst,
    ) -> ObjectType {
        let file = self.file_of(src);
        let mut obj = ObjectType::default();
        for m in members {
            match m {
                TsTypeElement::TsPropertySignature(p) => {
                    let Some(name) = key_name(&p.key) else {
                        self.warn(
                            src,
                            p.span,
                            "computed property key is not supported; skipped",
                        );
                        continue;
                    };
                    let (schema, undefined) = match &p.type_ann {
                        Some(t) => self.property_type(src, &t.type_ann, subst),
                        None => (Schema::Any, false),
                    };
                    obj.properties.insert(
                        name,
                        Property {
                            schema,
                            required: !p.optional && !undefined,
                            description: file.get().jsdoc(p.span.lo),
                        },
                    );
                }
                TsTypeElement::TsIndexSignature(i) => {
                    let value = match &i.type_ann {
                        Some(t) => self.convert(src, &t.type_ann, subst),
                        None => Schema::Any,
                    };
                    obj.additional = Some(Box::new(value));
                }
                // Methods, getters and call signatures are not data.
                _ => {}
            }
        }
        obj
    }

    /// A property's type, and whether it admits `undefined` (which makes it optional).
    fn property_type(&mut self, src: &Src, ty: &TsType, subst: &Subst) -> (Schema, bool) {
        if let TsType::TsUnionOrIntersectionType(TsUnionOrIntersectionType::TsUnionType(u)) = ty {
            let undefined = u.types.iter().any(|t| is_undefined(t));
            if undefined {
                let items: Vec<Schema> = u
                    .types
                    .iter()
                    .filter(|t| !is_undefined(t))
                    .map(|t| self.convert(src, t, subst))
                    .collect();
                return (literal_union(items), true);
            }
        }
        (self.convert(src, ty, subst), is_undefined(ty))
    }

    fn intersect(&mut self, src: &Src, span: swc_common::Span, items: Vec<Schema>) -> Schema {
        let mut merged = ObjectType::default();
        for item in items {
            match self.object_of(&item) {
                Some(obj) => {
                    merged.properties.extend(obj.properties);
                    if obj.additional.is_some() {
                        merged.additional = obj.additional;
                    }
                }
                None if item == Schema::Any => {}
                None => {
                    self.warn(
                        src,
                        span,
                        "intersection with a non-object type is not supported; using {}",
                    );
                    return Schema::Any;
                }
            }
        }
        Schema::Object(merged)
    }

    /// The object shape of a schema, following references.
    pub(crate) fn object_of(&self, schema: &Schema) -> Option<ObjectType> {
        match schema {
            Schema::Object(o) => Some(o.clone()),
            Schema::Ref(name) => match self.defs.get(name).map(|d| &d.schema) {
                Some(Schema::Object(o)) => Some(o.clone()),
                _ => None,
            },
            _ => None,
        }
    }

    fn type_ref(&mut self, src: &Src, r: &TsTypeRef, subst: &Subst) -> Schema {
        let args: Vec<&TsType> = r
            .type_params
            .as_ref()
            .map(|p| p.params.iter().map(|t| &**t).collect())
            .unwrap_or_default();
        let name = match &r.type_name {
            TsEntityName::Ident(i) => i.sym.as_str().to_owned(),
            TsEntityName::TsQualifiedName(q) => {
                let right = q.right.sym.as_str().to_owned();
                if matches!(right.as_str(), "infer" | "input" | "output") {
                    if let Some(s) = self.zod_infer(src, args.first().copied()) {
                        return s;
                    }
                }
                self.warn(
                    src,
                    r.span,
                    format!(
                        "qualified type `{}` is not supported; using {{}}",
                        entity_text(&r.type_name)
                    ),
                );
                return Schema::Any;
            }
        };
        if let Some(s) = subst.get(&name) {
            return s.clone();
        }
        if let Some(s) = self.builtin(src, &name, &args, r.span, subst) {
            return s;
        }
        let converted: Vec<Schema> = args.iter().map(|a| self.convert(src, a, subst)).collect();
        match self.named_type(src, &name, &converted, r.span, 0) {
            Some(s) => s,
            None => {
                self.warn(
                    src,
                    r.span,
                    format!("cannot resolve type `{name}`; using {{}}"),
                );
                Schema::Any
            }
        }
    }

    /// `z.infer<typeof Schema>`: the zod schema bound to that name.
    fn zod_infer(&mut self, src: &Src, arg: Option<&TsType>) -> Option<Schema> {
        let TsType::TsTypeQuery(q) = arg? else {
            return None;
        };
        let TsTypeQueryExpr::TsEntityName(TsEntityName::Ident(i)) = &q.expr_name else {
            return None;
        };
        super::zod::named(self, src, &i.sym, q.span)
    }

    /// The type declared as `name` in `src` (locally or through imports), with arguments.
    pub(crate) fn named_type(
        &mut self,
        src: &Src,
        name: &str,
        args: &[Schema],
        span: swc_common::Span,
        hops: usize,
    ) -> Option<Schema> {
        if hops > MAX_HOPS {
            self.warn(
                src,
                span,
                format!("import chain for `{name}` is too long or cyclic; using {{}}"),
            );
            return Some(Schema::Any);
        }
        let file = self.file_of(src);
        let file = file.get();
        if let Some((decl, stmt_span)) = scope::local(&file.module, name) {
            let key = (file.path.clone(), name.to_string());
            let doc = file.jsdoc(stmt_span.lo);
            return match decl {
                Declared::Interface(i) => {
                    let params = i.type_params.as_deref();
                    if params.is_some_and(|p| !p.params.is_empty()) {
                        let inner = self.bind_params(src, params, args);
                        return Some(Schema::Object(self.interface_object(src, i, &inner)));
                    }
                    Some(self.define(key, doc, |ctx| {
                        Schema::Object(ctx.interface_object(src, i, &Subst::default()))
                    }))
                }
                Declared::Alias(a) => {
                    let params = a.type_params.as_deref();
                    if params.is_some_and(|p| !p.params.is_empty()) {
                        let inner = self.bind_params(src, params, args);
                        return Some(self.convert(src, &a.type_ann, &inner));
                    }
                    if names_alias(&a.type_ann) {
                        return Some(self.define(key, doc, |ctx| {
                            ctx.convert(src, &a.type_ann, &Subst::default())
                        }));
                    }
                    if self.expanding.contains(&key) {
                        self.warn(
                            src,
                            a.span,
                            format!("type alias `{name}` refers to itself; using {{}}"),
                        );
                        return Some(Schema::Any);
                    }
                    self.expanding.push(key);
                    let s = self.convert(src, &a.type_ann, &Subst::default());
                    self.expanding.pop();
                    Some(s)
                }
                Declared::Enum(e) => Some(self.define(key, doc, |_| enum_schema(e))),
                Declared::Const(_) => None,
            };
        }
        match scope::origin(&file.module, name)? {
            Origin::Named { spec, remote, span } => {
                let module = self.load(src, &spec, span)?;
                self.named_type(&Src::Module(module), &remote, args, span, hops + 1)
            }
            Origin::Star(list) => {
                for (spec, span) in list {
                    let Some(module) = self.load(src, &spec, span) else {
                        continue;
                    };
                    let found = scope::local(&module.module, name).is_some()
                        || scope::origin(&module.module, name).is_some();
                    if found {
                        return self.named_type(&Src::Module(module), name, args, span, hops + 1);
                    }
                }
                None
            }
        }
    }

    /// Register a named type (once per declaration) and return a reference to it. The name is
    /// reserved before the body is built, so recursive types end in a reference.
    pub(crate) fn define(
        &mut self,
        key: (std::path::PathBuf, String),
        description: Option<String>,
        build: impl FnOnce(&mut Self) -> Schema,
    ) -> Schema {
        if let Some(def) = self.named.get(&key) {
            return Schema::Ref(def.clone());
        }
        let base = key.1.clone();
        let mut def = base.clone();
        let mut n = 2;
        while self.named.values().any(|v| *v == def) {
            def = format!("{base}{n}");
            n += 1;
        }
        self.named.insert(key, def.clone());
        // Placeholder so recursive references see the name.
        self.defs.insert(
            def.clone(),
            TypeDef {
                schema: Schema::Any,
                description: None,
            },
        );
        let schema = build(self);
        self.defs.insert(
            def.clone(),
            TypeDef {
                schema,
                description,
            },
        );
        Schema::Ref(def)
    }

    fn bind_params(
        &mut self,
        src: &Src,
        params: Option<&TsTypeParamDecl>,
        args: &[Schema],
    ) -> Subst {
        let mut subst = Subst::default();
        for (i, p) in params
            .map(|p| p.params.as_slice())
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let value = match (args.get(i), &p.default) {
                (Some(a), _) => a.clone(),
                (None, Some(d)) => {
                    let so_far = subst.clone();
                    self.convert(src, d, &so_far)
                }
                (None, None) => Schema::Any,
            };
            subst.insert(p.name.sym.as_str().to_owned(), value);
        }
        subst
    }

    fn interface_object(&mut self, src: &Src, i: &TsInterfaceDecl, subst: &Subst) -> ObjectType {
        let mut obj = ObjectType::default();
        for ext in &i.extends {
            let Expr::Ident(base) = &*ext.expr else {
                self.warn(
                    src,
                    ext.span,
                    "qualified `extends` is not supported; skipped",
                );
                continue;
            };
            let args: Vec<Schema> = ext
                .type_args
                .as_ref()
                .map(|a| {
                    a.params
                        .iter()
                        .map(|t| self.convert(src, t, subst))
                        .collect()
                })
                .unwrap_or_default();
            // `extends Pick<T, "a">, Partial<Omit<T, "b">>`: utility types first, as in a
            // type reference.
            let ts_args: Vec<&TsType> = ext
                .type_args
                .as_ref()
                .map(|a| a.params.iter().map(|t| &**t).collect())
                .unwrap_or_default();
            let parent = match subst.get(&*base.sym) {
                Some(s) => Some(s.clone()),
                None => match self.builtin(src, &base.sym, &ts_args, ext.span, subst) {
                    Some(s) => Some(s),
                    None => self.named_type(src, &base.sym, &args, ext.span, 0),
                },
            };
            match parent.and_then(|p| self.object_of(&p)) {
                Some(p) => {
                    obj.properties.extend(p.properties);
                    if p.additional.is_some() {
                        obj.additional = p.additional;
                    }
                }
                None => self.warn(
                    src,
                    ext.span,
                    format!(
                        "cannot resolve `{}` in `extends`; its fields are missing",
                        base.sym
                    ),
                ),
            }
        }
        let own = self.members(src, &i.body.body, subst);
        obj.properties.extend(own.properties);
        if own.additional.is_some() {
            obj.additional = own.additional;
        }
        obj
    }
}

fn keyword(kind: TsKeywordTypeKind) -> Schema {
    match kind {
        TsKeywordTypeKind::TsStringKeyword => Schema::string(),
        TsKeywordTypeKind::TsNumberKeyword => Schema::Number,
        TsKeywordTypeKind::TsBigIntKeyword => Schema::Integer,
        TsKeywordTypeKind::TsBooleanKeyword => Schema::Boolean,
        TsKeywordTypeKind::TsNullKeyword => Schema::Null,
        TsKeywordTypeKind::TsObjectKeyword => Schema::Object(ObjectType {
            properties: Default::default(),
            additional: Some(Box::new(Schema::Any)),
        }),
        // any, unknown, undefined, void, never, symbol: no JSON shape to state.
        _ => Schema::Any,
    }
}

fn is_undefined(t: &TsType) -> bool {
    matches!(t, TsType::TsKeywordType(k) if matches!(k.kind, TsKeywordTypeKind::TsUndefinedKeyword | TsKeywordTypeKind::TsVoidKeyword))
}

/// Aliases that become named defs: object types, unions and intersections.
fn names_alias(ty: &TsType) -> bool {
    match ty {
        TsType::TsParenthesizedType(p) => names_alias(&p.type_ann),
        TsType::TsTypeLit(_) | TsType::TsUnionOrIntersectionType(_) => true,
        _ => false,
    }
}

/// A union; all-literal unions become an enum (with `null` kept beside it).
pub(crate) fn literal_union(items: Vec<Schema>) -> Schema {
    let mut lits = Vec::new();
    let mut others = Vec::new();
    let mut null = false;
    for item in items {
        match item {
            Schema::Const(l) => lits.push(l),
            Schema::Enum(ls) => lits.extend(ls),
            Schema::Null => null = true,
            Schema::Union(inner) => others.extend(inner),
            other => others.push(other),
        }
    }
    lits.dedup();
    let mut parts = Vec::new();
    if others.is_empty() {
        match lits.len() {
            0 => {}
            1 => parts.push(Schema::Const(lits.remove(0))),
            _ => parts.push(Schema::Enum(lits)),
        }
    } else {
        parts.extend(lits.into_iter().map(Schema::Const));
        parts.extend(others);
    }
    if null {
        parts.push(Schema::Null);
    }
    Schema::union(parts)
}

fn enum_schema(e: &TsEnumDecl) -> Schema {
    let mut lits = Vec::new();
    let mut next = 0.0;
    for m in &e.members {
        match m.init.as_deref() {
            Some(Expr::Lit(Lit::Str(s))) => lits.push(Literal::String(str_value(s))),
            Some(Expr::Lit(Lit::Num(n))) => {
                lits.push(Literal::number(n.value));
                next = n.value + 1.0;
            }
            Some(Expr::Unary(u)) if u.op == UnaryOp::Minus => {
                if let Expr::Lit(Lit::Num(n)) = &*u.arg {
                    lits.push(Literal::number(-n.value));
                    next = -n.value + 1.0;
                }
            }
            None => {
                lits.push(Literal::number(next));
                next += 1.0;
            }
            Some(_) => return Schema::Any,
        }
    }
    Schema::Enum(lits)
}

pub(crate) fn entity_text(e: &TsEntityName) -> String {
    match e {
        TsEntityName::Ident(i) => i.sym.as_str().to_owned(),
        TsEntityName::TsQualifiedName(q) => format!("{}.{}", entity_text(&q.left), q.right.sym),
    }
}

/// `Date` is sent as an ISO string; files are binary.
pub(crate) fn date_time() -> Schema {
    Schema::String(Some(StringFormat::DateTime))
}
