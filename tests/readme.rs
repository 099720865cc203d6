//! The README's complete rule-pack example is a valid pack.

#[test]
fn readme_pack_example_loads() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme.find("A complete pack:\n\n```yaml\n").expect("the README shows a complete pack")
        + "A complete pack:\n\n```yaml\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let pack =
        factlint::rules::parse_pack("README.md", &readme[start..end]).unwrap_or_else(|e| panic!("{}", e.message));
    let generic = factlint::rules::parse_pack("generic", factlint::rules::GENERIC_PACK).unwrap();
    let rules = factlint::rules::RuleSet::build(&[generic, pack]).unwrap_or_else(|e| panic!("{}", e.message));
    for id in ["transfer-status", "crowd-size"] {
        assert!(rules.conflict(id).is_some(), "{id}");
    }
}
