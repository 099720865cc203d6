//! factlint: finds claims that cannot all be true.
pub mod time;
pub mod rules;
pub mod corpus;
pub mod text;
pub mod extract;
pub mod facts;
pub mod check;
pub mod pipeline;
pub mod report;
