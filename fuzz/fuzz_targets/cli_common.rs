//! Shared by the `cli_*` targets: runs `cx` in-process on one command line of a family, with
//! the fuzz bytes (after the first, which picks the command line) as standard input.
//!
//! Asserted for every input: no panic; an exit status `cx` documents (0, 1, 2, 3); on success
//! some output, and JSON output that parses; on failure a `cx: error:` line on standard error.

/// Runs one command line picked by the first byte on the rest as standard input.
pub fn run_family(commands: &[&[&str]], data: &[u8]) {
    let Some((&pick, mut stdin)) = data.split_first() else {
        return;
    };
    let args = commands[usize::from(pick) % commands.len()];
    let mut out = Vec::new();
    let mut err = Vec::new();
    let status = cx_cli::run(
        std::iter::once("cx").chain(args.iter().copied()),
        &mut stdin,
        &mut out,
        &mut err,
    );
    assert!(
        cx_cli::EXIT_STATUSES.contains(&status),
        "undocumented exit status {status} for {args:?}"
    );
    if status == 0 {
        assert!(!out.is_empty(), "success without output for {args:?}");
        if args.contains(&"json") {
            assert!(
                serde_json::from_slice::<serde_json::Value>(&out).is_ok(),
                "invalid JSON for {args:?}"
            );
        }
    } else {
        let text = String::from_utf8_lossy(&err);
        assert!(
            text.lines().any(|l| l.starts_with("cx: error: ")),
            "failure without a message for {args:?}: {text}"
        );
    }
}
