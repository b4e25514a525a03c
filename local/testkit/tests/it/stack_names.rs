//! Stack names and ports for parallel tests.

#[test]
fn unique_stack_names_differ() {
    let a = wrapup_testkit::unique_stack_name("test");
    let b = wrapup_testkit::unique_stack_name("test");
    assert_ne!(a, b);
    assert!(a.starts_with("test-") && a.len() == "test-".len() + 8, "{a}");
    assert_ne!(wrapup_testkit::free_port(), 0);
}
