//! An object type's properties: a small map from wire name to property, kept sorted by name.
//!
//! Objects in real request and response types have a handful of properties. A `BTreeMap`
//! allocates a whole node (eleven slots, over a kilobyte here) for the first one, and the IR
//! holds several objects per function: on a 1,000-function app that was 10 MB of mostly empty
//! nodes, each page of it touched once. A sorted vector holds what it holds, clones with one
//! allocation, and keeps the map's order, equality, ordering and hash.

use std::fmt;

use super::Property;

/// Properties by name, in name order; each name once.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Properties(Vec<(String, Property)>);

impl Properties {
    fn find(&self, name: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(name))
    }

    /// Set the property `name`, returning the one it replaces.
    pub fn insert(&mut self, name: String, property: Property) -> Option<Property> {
        match self.find(&name) {
            Ok(i) => self
                .0
                .get_mut(i)
                .map(|slot| std::mem::replace(&mut slot.1, property)),
            Err(i) => {
                self.0.insert(i, (name, property));
                None
            }
        }
    }

    /// The property `name`.
    pub fn get(&self, name: &str) -> Option<&Property> {
        let i = self.find(name).ok()?;
        self.0.get(i).map(|(_, p)| p)
    }

    /// The property `name`, to change.
    pub fn get_mut(&mut self, name: &str) -> Option<&mut Property> {
        let i = self.find(name).ok()?;
        self.0.get_mut(i).map(|(_, p)| p)
    }

    /// Take out the property `name`.
    pub fn remove(&mut self, name: &str) -> Option<Property> {
        let i = self.find(name).ok()?;
        Some(self.0.remove(i).1)
    }

    /// Keep the properties `keep` says yes to.
    pub fn retain(&mut self, mut keep: impl FnMut(&String, &mut Property) -> bool) {
        self.0.retain_mut(|(k, p)| keep(k, p));
    }

    /// How many properties there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Names and properties in name order.
    pub fn iter(
        &self,
    ) -> impl DoubleEndedIterator<Item = (&String, &Property)> + ExactSizeIterator {
        self.0.iter().map(|(k, p)| (k, p))
    }

    /// Names and changeable properties in name order.
    pub fn iter_mut(
        &mut self,
    ) -> impl DoubleEndedIterator<Item = (&String, &mut Property)> + ExactSizeIterator {
        self.0.iter_mut().map(|(k, p)| (&*k, p))
    }

    /// Names in order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &String> + ExactSizeIterator {
        self.0.iter().map(|(k, _)| k)
    }

    /// Properties in name order.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &Property> + ExactSizeIterator {
        self.0.iter().map(|(_, p)| p)
    }

    /// Changeable properties in name order.
    pub fn values_mut(
        &mut self,
    ) -> impl DoubleEndedIterator<Item = &mut Property> + ExactSizeIterator {
        self.0.iter_mut().map(|(_, p)| p)
    }
}

impl fmt::Debug for Properties {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl Extend<(String, Property)> for Properties {
    /// As a map's `extend`: a later property of the same name replaces the earlier one.
    fn extend<I: IntoIterator<Item = (String, Property)>>(&mut self, items: I) {
        for (k, p) in items {
            self.insert(k, p);
        }
    }
}

impl FromIterator<(String, Property)> for Properties {
    fn from_iter<I: IntoIterator<Item = (String, Property)>>(items: I) -> Self {
        let mut all: Vec<(String, Property)> = items.into_iter().collect();
        // Stable, so that of two with the same name the later one is kept, as a map would.
        all.sort_by(|a, b| a.0.cmp(&b.0));
        let mut out: Vec<(String, Property)> = Vec::with_capacity(all.len());
        for item in all {
            match out.last_mut() {
                Some(last) if last.0 == item.0 => *last = item,
                _ => out.push(item),
            }
        }
        Properties(out)
    }
}

impl IntoIterator for Properties {
    type Item = (String, Property);
    type IntoIter = std::vec::IntoIter<(String, Property)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Properties {
    type Item = (&'a String, &'a Property);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, Property)>,
        fn(&'a (String, Property)) -> (&'a String, &'a Property),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, p)| (k, p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Schema;
    use std::collections::BTreeMap;

    fn prop(n: u32) -> Property {
        Property::required(Schema::Const(crate::model::Literal::Number(n.to_string())))
    }

    /// Every operation agrees with a `BTreeMap` doing the same, in content and in order.
    #[test]
    fn behaves_as_a_sorted_map() {
        let mut ours = Properties::default();
        let mut map: BTreeMap<String, Property> = BTreeMap::new();
        // A fixed pseudo-random walk over a few names: inserts, replacements and removals.
        let names = ["b", "a", "zeta", "m", "a", "", "b", "y", "m", "c"];
        let mut x: u32 = 7;
        for step in 0..200u32 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let name = names[(x >> 16) as usize % names.len()].to_string();
            match (x >> 8) % 4 {
                0 => assert_eq!(ours.remove(&name), map.remove(&name), "{step}"),
                1 => {
                    if let (Some(a), Some(b)) = (ours.get_mut(&name), map.get_mut(&name)) {
                        a.required = !a.required;
                        b.required = !b.required;
                    }
                }
                _ => assert_eq!(
                    ours.insert(name.clone(), prop(step)),
                    map.insert(name, prop(step)),
                    "{step}"
                ),
            }
            let pairs: Vec<(&String, &Property)> = ours.iter().collect();
            assert_eq!(pairs, map.iter().collect::<Vec<_>>(), "{step}");
            assert_eq!(ours.len(), map.len());
            for n in names {
                assert_eq!(ours.get(n), map.get(n));
            }
        }
        assert_eq!(format!("{ours:?}"), format!("{map:?}"));
    }

    #[test]
    fn collecting_keeps_the_last_of_a_name_and_sorts() {
        let items = vec![
            ("b".to_string(), prop(1)),
            ("a".to_string(), prop(2)),
            ("b".to_string(), prop(3)),
        ];
        let ours: Properties = items.clone().into_iter().collect();
        let map: BTreeMap<String, Property> = items.into_iter().collect();
        assert_eq!(
            ours.into_iter().collect::<Vec<_>>(),
            map.into_iter().collect::<Vec<_>>()
        );
    }

    #[test]
    fn order_and_equality_follow_the_map() {
        let a: Properties = [("a".to_string(), prop(1))].into_iter().collect();
        let b: Properties = [("a".to_string(), prop(1)), ("b".to_string(), prop(1))]
            .into_iter()
            .collect();
        let ma: BTreeMap<String, Property> = [("a".to_string(), prop(1))].into();
        let mb: BTreeMap<String, Property> =
            [("a".to_string(), prop(1)), ("b".to_string(), prop(1))].into();
        assert_eq!(a.cmp(&b), ma.cmp(&mb));
        assert_eq!(b.cmp(&a), mb.cmp(&ma));
        assert_ne!(a, b);
        assert_eq!(a.clone(), a);
    }
}
