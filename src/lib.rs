//! factlint: finds claims that cannot all be true.
pub mod time;
pub mod rules;
pub mod corpus;
pub mod text;
