//! The shared language-pack tests (`truce_lang::pack_tests!`), instantiated once per pack and for the template.
//!
//! They live in the pipeline's tests because they run the coder and the whole pipeline, which
//! `truce-lang` itself cannot depend on. A new language adds one line here.

truce_lang::pack_tests!(en, truce_lang::pack("en").expect("English is registered"));
truce_lang::pack_tests!(
    id,
    truce_lang::pack("id").expect("Indonesian is registered")
);
truce_lang::pack_tests!(es, truce_lang::pack("es").expect("Spanish is registered"));
truce_lang::pack_tests!(template, truce_lang::testing::TEMPLATE);

/// A registered pack without its line above would go untested: fail instead.
#[test]
fn every_registered_pack_has_its_pack_tests() {
    let tested = ["en", "id", "es"];
    let registered: Vec<&str> = truce_lang::all_packs().map(|pack| pack.code).collect();
    for code in &registered {
        assert!(
            tested.contains(code),
            "pack `{code}` is registered but has no `pack_tests!` line in crates/pipeline/tests/packs.rs"
        );
    }
}
