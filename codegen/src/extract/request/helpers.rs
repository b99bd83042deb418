//! Helpers the input is handed to: `save(body)`, `run(kind, body.cfg)`, `verify(payload)`
//! imported from a shared module, a function declared inside the handler. What they read and
//! reject off their parameter is evidence about the input too.

use swc_ecma_ast::*;

use super::evidence::Evidence;
use super::fields::Field;
use super::module_facts;
use super::scope::{Passed, Scope};
use super::sources::Sources;
use crate::extract::handler::Handler;
use crate::extract::types::TypeContext;
use crate::model::Schema;
use crate::parse::ParsedFile;

/// Follow every helper call recorded in `scope.passed_to` (and those the helpers make in
/// turn, within the same file or, for a shared module's helper, within that module),
/// merging what they show into `scope`.
pub(super) fn follow(
    file: &ParsedFile,
    handler: &Handler,
    types: &mut TypeContext<'_>,
    scope: &mut Scope,
) {
    each_call(scope, |next, facts| {
        // A helper declared in the module, or inside the handler itself.
        let same_file = crate::extract::ast_util::top_level_function(&file.module, &next.func)
            .or_else(|| {
                crate::extract::ast_util::local_function(handler.func.body_stmts(), &next.func)
            })
            .or_else(|| crate::extract::ast_util::table_function(&file.module, &next.func));
        if let Some(func) = same_file {
            let inner = Scope {
                facts: facts.clone(),
                ..Scope::default()
            };
            return helper_reads(&func, next, inner);
        }
        // A helper from a shared module (`verifyAuth(base44, payload)`): its reads, with
        // that module's own lists and guards, and those of the module's functions it hands
        // them on to. Calls into further modules are not followed.
        let (module, remote) = types.imported(&next.func)?;
        let func = crate::extract::ast_util::top_level_function(&module.module, &remote)?;
        let facts = module_facts::Facts::of_module(&module.module);
        let inner = Scope {
            facts: facts.clone(),
            ..Scope::default()
        };
        let mut inner = helper_reads(&func, next, inner)?;
        each_call(&mut inner, |next, _| {
            let func = crate::extract::ast_util::top_level_function(&module.module, &next.func)?;
            let inner = Scope {
                facts: facts.clone(),
                ..Scope::default()
            };
            helper_reads(&func, next, inner)
        });
        inner.passed_to.clear();
        Some(inner)
    });
}

/// Follow each call recorded in `scope.passed_to`, the ones found on the way too, merging
/// what `read` finds the helper reads. Bounded: each call shape is followed once, and only so
/// many in all (a recursive helper passing `node.child` to itself makes ever longer paths).
fn each_call(
    scope: &mut Scope,
    mut read: impl FnMut(&Passed, &module_facts::Facts) -> Option<Scope>,
) {
    let mut done: Vec<Passed> = Vec::new();
    while let Some(next) = scope.passed_to.iter().find(|p| !done.contains(p)).cloned() {
        if done.len() >= MAX_HELPER_CALLS {
            break;
        }
        let recursion = recursive(&done, &next);
        done.push(next.clone());
        if recursion {
            continue;
        }
        if let Some(mut inner) = read(&next, &scope.facts) {
            // The caller rejects on the list of problems this helper returns, on every path:
            // what the helper records as missing is required.
            if !next.conditional && scope.rejected_lists_of.contains(&next.func) {
                for path in std::mem::take(&mut inner.returned_missing) {
                    inner.require_path(&path);
                }
            }
            merge(scope, inner);
        }
    }
}

/// A recursive helper handing itself a part of what it got (`walk(node.child)`): its reads
/// are already known one level up.
fn recursive(done: &[Passed], next: &Passed) -> bool {
    done.iter().any(|d| {
        d.func == next.func
            && d.index == next.index
            && next.prefix.len() > d.prefix.len()
            && next.prefix.starts_with(&d.prefix)
    })
}

/// The primitive type a parameter is annotated with (`token?: string`, `n: number`).
fn primitive_annotation(pat: &Pat) -> Option<Schema> {
    let Pat::Ident(b) = pat else {
        return None;
    };
    super::builtins::keyword_type(&b.type_ann.as_ref()?.type_ann)
}

/// Helper calls followed per function, at most.
const MAX_HELPER_CALLS: usize = 64;

/// What `func` reads off the parameter the input (or a field of it) was passed as, into
/// `inner`.
fn helper_reads(func: &Function, passed: &Passed, mut inner: Scope) -> Option<Scope> {
    let param = func.params.get(passed.index)?;
    if passed.keys.is_empty() {
        inner.destructure(&param.pat, &passed.prefix);
        // `safeEqual(a: string, b: string)` handed a field: the type the helper declares.
        if let Some(t) = primitive_annotation(&param.pat) {
            if let Some(f) = inner.field(&passed.prefix) {
                f.add_type(t);
            }
        }
    } else {
        inner.destructure_mapped(&param.pat, &passed.keys);
    }
    swc_ecma_visit::VisitWith::visit_children_with(func, &mut Evidence::new(&mut inner));
    if let Some(body) = &func.body {
        inner.returned_missing = super::missing_lists::returned_missing(&inner, &body.stmts);
    }
    // Keys the caller's copy sets itself are not read from the input.
    if passed.prefix.is_empty() {
        inner.fields.retain(|k, _| !passed.own.contains(k));
    }
    if passed.conditional {
        inner.fields.values_mut().for_each(not_required);
        // What the helper hands on runs only when it runs.
        inner
            .passed_to
            .iter_mut()
            .for_each(|p| p.conditional = true);
    }
    Some(inner)
}

/// Forget what a conditional call proved required (the field and everything below it).
pub(super) fn not_required(f: &mut Field) {
    f.required = false;
    f.nested.values_mut().for_each(not_required);
    if let Some(items) = f.items.as_deref_mut() {
        not_required(items);
    }
}

fn merge(into: &mut Scope, from: Scope) {
    for (name, f) in from.fields {
        merge_field(into.fields.entry(name).or_default(), f);
    }
    into.passed_to.extend(from.passed_to);
}

/// Add what a helper shows about a field to what the handler shows.
pub(super) fn merge_field(target: &mut Field, f: Field) {
    target.optional |= f.optional;
    target.required |= f.required;
    for t in f.types {
        target.add_type(t);
    }
    for l in f.literals {
        if !target.literals.contains(&l) {
            target.literals.push(l);
        }
    }
    target.closed |= f.closed;
    // `exact` stays the target's: a helper's (or a case's) checks ran after answers it
    // cannot see, so they narrow nothing.
    target.open |= f.open;
    if f.declared.is_some() {
        target.declared = f.declared;
    }
    for (name, nested) in f.nested {
        merge_field(target.nested.entry(name).or_default(), nested);
    }
    if let Some(items) = f.items {
        merge_field(target.items.get_or_insert_with(Box::default), *items);
    }
}

/// The function the JSON body is handed to and whose result is kept (`clean(body)`).
pub(super) fn transformed_by(handler: &Handler, sources: &Sources) -> Option<String> {
    struct Find<'s> {
        scope: &'s Scope,
        found: Option<String>,
    }
    impl swc_ecma_visit::Visit for Find<'_> {
        fn visit_var_declarator(&mut self, d: &VarDeclarator) {
            if let Some(Expr::Call(c)) =
                d.init.as_deref().map(crate::extract::ast_util::unwrap_expr)
            {
                if let Callee::Expr(callee) = &c.callee {
                    if let Expr::Ident(f) = crate::extract::ast_util::unwrap_expr(callee) {
                        if c.args.iter().any(|a| self.scope.is_body(&a.expr)) {
                            self.found.get_or_insert_with(|| f.sym.as_str().to_owned());
                        }
                    }
                }
            }
            swc_ecma_visit::VisitWith::visit_children_with(d, self);
        }
    }
    let scope = Scope::of_bindings(&sources.json_bindings);
    let mut find = Find {
        scope: &scope,
        found: None,
    };
    handler.func.visit_children(&mut find);
    find.found
}
