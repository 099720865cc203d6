//! Any bytes as a rule pack beside the built-in one: an error or a rule
//! set, never a panic.
#![no_main]
use factlint::rules::{parse_pack, RuleSet, GENERIC_PACK, GENERIC_PACK_NAME};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let Ok(generic) = parse_pack(GENERIC_PACK_NAME, GENERIC_PACK) else { return };
    if let Ok(extra) = parse_pack("fuzz.yaml", src) {
        let _ = RuleSet::build(&[generic, extra]);
    }
});
