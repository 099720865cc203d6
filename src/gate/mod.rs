//! What a lint gate does with findings after the check: inline
//! suppressions, pre-publication selection (`--against`), baselines, and the
//! decision to fail.

pub mod baseline;
pub mod suppress;

use crate::check::Finding;
use crate::rules::Severity;
use std::collections::BTreeSet;

/// Keep the findings that involve at least one claim of the drafts, with
/// the drafts' passages first (so the archive's are the related ones).
pub fn against(findings: Vec<Finding>, drafts: &BTreeSet<usize>) -> Vec<Finding> {
    findings
        .into_iter()
        .filter(|f| f.claims.iter().any(|c| drafts.contains(&c.doc)))
        .map(|mut f| {
            f.claims.sort_by_key(|c| !drafts.contains(&c.doc));
            f
        })
        .collect()
}

/// When the exit status is 1.
#[derive(Debug, Clone, Copy)]
pub struct FailPolicy {
    /// The lowest severity that fails; `None` never fails on findings.
    pub fail_on: Option<Severity>,
    pub max_warnings: Option<usize>,
}

impl FailPolicy {
    pub fn fails(&self, findings: &[Finding]) -> bool {
        let by_severity = self.fail_on.is_some_and(|t| findings.iter().any(|f| f.severity >= t));
        let warnings = findings.iter().filter(|f| f.severity == Severity::Warning).count();
        by_severity || self.max_warnings.is_some_and(|m| warnings > m)
    }
}
