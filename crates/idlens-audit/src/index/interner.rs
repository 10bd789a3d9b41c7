//! Connection and provider names: a few dozen distinct strings shared by
//! millions of users, stored once and referred to by a `u32`.

use std::collections::HashMap;

/// No name.
pub(crate) const NO_NAME: u32 = u32::MAX;

#[derive(Debug, Default)]
pub(crate) struct Interner {
    ids: HashMap<Box<str>, u32>,
    names: Vec<Box<str>>,
}

impl Interner {
    pub fn intern(&mut self, name: Option<&str>) -> u32 {
        let Some(name) = name else { return NO_NAME };
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(name.into());
        self.ids.insert(name.into(), id);
        id
    }

    /// The name of `id`; `None` for [`NO_NAME`].
    pub fn get(&self, id: u32) -> Option<&str> {
        self.names.get(id as usize).map(|n| &**n)
    }
}
