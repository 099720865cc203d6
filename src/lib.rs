//! factlint: finds claims that cannot all be true.
pub mod cache;
pub mod check;
pub mod config;
pub mod corpus;
pub mod extract;
pub mod facts;
pub mod gate;
pub mod language;
pub mod lsp;
pub mod pipeline;
pub mod report;
pub mod rules;
pub mod shard;
pub mod text;
pub mod time;
pub mod workspace;
