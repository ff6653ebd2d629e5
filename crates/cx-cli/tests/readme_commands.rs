//! Every command shown in the workspace's READMEs runs as written from the repository root and
//! prints what the README shows.
//!
//! READMEs read: `README.md`, `benches/README.md` and `crates/*/README.md`. In a fenced block
//! (other than Rust), a line starting with `$ ` is a command (a trailing `\` continues it on the
//! next line), and the lines after it, up to the next command or the end of the block, are its
//! output as shown. `cx …` and `cargo run -q -p cx-metrics-cli -- …` run the `cx` binary built
//! for this test, from the repository root; stages joined by `|` are piped into each other, and
//! `> FILE` writes to a temporary folder where the README's later commands find `FILE`. Every
//! line shown must be printed (standard error first, then standard output, as a terminal shows
//! them), in order; `…` stands for lines left out, and an output shown without `…` must be
//! printed exactly. In `sh` blocks without prompts, every line is a command.
//!
//! Commands of other tools, in blocks or in inline code spans, are checked for what they name:
//! `cargo run --example X` and `cargo bench --bench X` (with or without `-p PACKAGE`) need that
//! example or bench and package, `cargo install --path P` and `python3 PATH` need the path, and
//! `cargo install NAME` must name this package. Any other command in a block is a failure, so that every
//! command a README shows stays checkable.

#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The repository root: the commands' working directory.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// The READMEs whose commands are checked: the root's, the benches' and every crate's.
fn readmes(root: &Path) -> Vec<PathBuf> {
    let mut crates: Vec<PathBuf> = std::fs::read_dir(root.join("crates"))
        .unwrap()
        .map(|e| e.unwrap().path().join("README.md"))
        .filter(|p| p.exists())
        .collect();
    crates.sort();
    let mut all = vec![root.join("README.md"), root.join("benches/README.md")];
    all.extend(crates);
    all
}

/// One command of a README: where it is, its text (continuation lines joined) and the output
/// shown after it (empty for commands shown without output).
#[derive(Debug)]
struct Shown {
    line: usize,
    command: String,
    output: Vec<String>,
    /// Found in a fenced block (run it) rather than in an inline code span (check its names).
    in_block: bool,
}

/// The commands of a README's text, in order.
fn commands(text: &str) -> Vec<Shown> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let fence = lines[i].trim_start();
        if !fence.starts_with("```") {
            inline_commands(lines[i], i + 1, &mut found);
            i += 1;
            continue;
        }
        let lang = fence.trim_start_matches('`').trim().to_lowercase();
        let start = i + 1;
        let mut end = start;
        while end < lines.len() && !lines[end].trim_start().starts_with("```") {
            end += 1;
        }
        let block = &lines[start..end];
        i = end + 1;
        if lang.starts_with("rust") || lang.starts_with("toml") || lang.starts_with("json") {
            continue;
        }
        let prompts = block.iter().any(|l| l.trim_start().starts_with("$ "));
        let shell = matches!(lang.as_str(), "sh" | "bash" | "shell" | "console");
        let mut k = 0;
        while k < block.len() {
            let l = block[k].trim_start();
            let line = start + k + 1;
            if prompts && l.starts_with("$ ") {
                let mut command = l[2..].trim_end().to_string();
                while command.ends_with('\\') && k + 1 < block.len() {
                    command.pop();
                    k += 1;
                    command = format!("{} {}", command.trim_end(), block[k].trim());
                }
                let mut output = Vec::new();
                while k + 1 < block.len() && !block[k + 1].trim_start().starts_with("$ ") {
                    k += 1;
                    output.push(block[k].trim_end().to_string());
                }
                while output.last().is_some_and(|l| l.is_empty()) {
                    output.pop();
                }
                found.push(Shown {
                    line,
                    command,
                    output,
                    in_block: true,
                });
            } else if !prompts && shell && !l.is_empty() && !l.starts_with('#') {
                let command = l.split(" #").next().unwrap_or(l).trim().to_string();
                found.push(Shown {
                    line,
                    command,
                    output: Vec::new(),
                    in_block: true,
                });
            }
            k += 1;
        }
    }
    found
}

/// Inline code spans of a prose line that are commands of the tools whose names are checked.
fn inline_commands(line: &str, number: usize, found: &mut Vec<Shown>) {
    for (n, span) in line.split('`').enumerate() {
        let checked = [
            "cargo run",
            "cargo bench",
            "cargo install",
            "cargo test",
            "python3 ",
        ];
        if n % 2 == 1 && checked.iter().any(|c| span.starts_with(c)) {
            found.push(Shown {
                line: number,
                command: span.to_string(),
                output: Vec::new(),
                in_block: false,
            });
        }
    }
}

/// Splits a command into words as a shell would for the plain commands READMEs show: blanks
/// separate words, single and double quotes group them.
fn words(command: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    for c in command.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => word.push(c),
            None if c == '\'' || c == '"' => {
                quote = Some(c);
                in_word = true;
            }
            None if c.is_whitespace() => {
                if in_word {
                    out.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            None => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        out.push(word);
    }
    out
}

/// The workspace's packages: name → folder.
fn packages(root: &Path) -> HashMap<String, PathBuf> {
    let mut map = HashMap::new();
    let mut dirs = vec![root.to_path_buf()];
    for e in std::fs::read_dir(root.join("crates")).unwrap() {
        dirs.push(e.unwrap().path());
    }
    for dir in dirs {
        let Ok(manifest) = std::fs::read_to_string(dir.join("Cargo.toml")) else {
            continue;
        };
        let package = manifest.split("[package]").nth(1).unwrap_or("");
        let name = package
            .lines()
            .find_map(|l| l.trim().strip_prefix("name = \""))
            .and_then(|rest| rest.split('"').next());
        if let Some(name) = name {
            map.insert(name.to_string(), dir);
        }
    }
    map
}

/// The value after `flag` in `args`.
fn option<'a>(args: &'a [String], flag: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| a == flag)
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
}

/// Everything a README's commands share: the root, the packages and the files that earlier
/// commands wrote with `>`.
struct Session {
    root: PathBuf,
    packages: HashMap<String, PathBuf>,
    temp: PathBuf,
    written: HashMap<String, PathBuf>,
}

impl Session {
    fn new(root: &Path, name: &str) -> Self {
        let temp = std::env::temp_dir().join(format!("cx-readme-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&temp).unwrap();
        Session {
            root: root.to_path_buf(),
            packages: packages(root),
            temp,
            written: HashMap::new(),
        }
    }

    /// The folder of `-p PACKAGE` (the root package without `-p`), or an error naming it.
    fn package_dir(&self, args: &[String]) -> Result<PathBuf, String> {
        match option(args, "-p").or_else(|| option(args, "--package")) {
            None => Ok(self.root.clone()),
            Some(p) => self
                .packages
                .get(p)
                .cloned()
                .ok_or_else(|| format!("no package named {p} in the workspace")),
        }
    }

    /// Checks or runs one command; on success returns nothing, else why it failed.
    fn check(&mut self, shown: &Shown) -> Result<(), String> {
        let all = words(&shown.command);
        let Some(program) = all.first() else {
            return Err("an empty command".into());
        };
        let is_cx = program == "cx"
            || (program == "cargo"
                && all.get(1).map(String::as_str) == Some("run")
                && all.iter().any(|a| a == "--"));
        if is_cx {
            if !shown.in_block {
                return Ok(());
            }
            return self.run_cx(&all, &shown.output);
        }
        if program == "python3" {
            let script = all.get(1).ok_or("python3 without a script")?;
            return if self.root.join(script).is_file() {
                Ok(())
            } else {
                Err(format!("no script {script}"))
            };
        }
        if program != "cargo" {
            return Err(format!(
                "`{program}` cannot be checked: READMEs show commands of cx, cargo and python3"
            ));
        }
        let sub = all.get(1).map(String::as_str).unwrap_or("");
        let dir = self.package_dir(&all)?;
        let named = |kind: &str, flag: &str| -> Result<(), String> {
            match option(&all, flag) {
                None => Ok(()),
                Some(name) => {
                    let file = dir.join(kind).join(format!("{name}.rs"));
                    let folder = dir.join(kind).join(name).join("main.rs");
                    if file.is_file() || folder.is_file() {
                        Ok(())
                    } else {
                        Err(format!("no {flag} {name} in {}", dir.display()))
                    }
                }
            }
        };
        match sub {
            "run" => {
                if option(&all, "--example").is_none() {
                    return Err("`cargo run` without `--example` or `-- ARGS`".into());
                }
                named("examples", "--example")
            }
            "bench" => named("benches", "--bench"),
            "test" | "doc" | "clippy" | "fmt" | "package" => Ok(()),
            "install" => match option(&all, "--path") {
                Some(path) if self.root.join(path).join("Cargo.toml").is_file() => Ok(()),
                Some(path) => Err(format!("no package at {path}")),
                // From the registry: the name must be the package of this workspace that holds `cx`.
                None => match all.last().map(String::as_str) {
                    Some(env!("CARGO_PKG_NAME")) => Ok(()),
                    other => Err(format!(
                        "`cargo install {}`: the package of `cx` is {}",
                        other.unwrap_or(""),
                        env!("CARGO_PKG_NAME")
                    )),
                },
            },
            other => Err(format!("`cargo {other}` cannot be checked")),
        }
    }

    /// Runs a pipeline of `cx` stages (and a final `> FILE`), then compares the output shown.
    fn run_cx(&mut self, all: &[String], shown: &[String]) -> Result<(), String> {
        let mut stages: Vec<Vec<String>> = vec![Vec::new()];
        let mut redirect = None;
        let mut it = all.iter();
        while let Some(w) = it.next() {
            match w.as_str() {
                "|" => stages.push(Vec::new()),
                ">" => redirect = Some(it.next().ok_or("`>` without a file")?.clone()),
                _ => stages.last_mut().unwrap().push(w.clone()),
            }
        }
        let mut input: Option<Vec<u8>> = None;
        let mut stderr = String::new();
        for stage in &stages {
            let args = self.cx_args(stage)?;
            let mut child = Command::new(env!("CARGO_BIN_EXE_cx"))
                .current_dir(&self.root)
                .args(&args)
                .stdin(if input.is_some() {
                    Stdio::piped()
                } else {
                    Stdio::null()
                })
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .map_err(|e| format!("cannot start cx: {e}"))?;
            let writer = input.take().map(|bytes| {
                let mut stdin = child.stdin.take().unwrap();
                std::thread::spawn(move || stdin.write_all(&bytes))
            });
            let out = child.wait_with_output().unwrap();
            if let Some(w) = writer {
                w.join()
                    .unwrap()
                    .map_err(|e| format!("cannot feed cx: {e}"))?;
            }
            stderr.push_str(&String::from_utf8_lossy(&out.stderr));
            if !out.status.success() {
                return Err(format!(
                    "`cx {}` failed ({}): {stderr}",
                    args.join(" "),
                    out.status
                ));
            }
            input = Some(out.stdout);
        }
        let stdout = input.unwrap_or_default();
        if let Some(file) = redirect {
            let path = self.temp.join(&file);
            std::fs::write(&path, &stdout).unwrap();
            self.written.insert(file, path);
            return matches(shown, &stderr, "");
        }
        matches(shown, &stderr, &String::from_utf8_lossy(&stdout))
    }

    /// The arguments of one `cx` stage, files written earlier replaced by their paths.
    fn cx_args(&self, stage: &[String]) -> Result<Vec<String>, String> {
        let rest = match stage.first().map(String::as_str) {
            Some("cx") => &stage[1..],
            Some("cargo") => {
                let package = option(stage, "-p").ok_or("`cargo run` without `-p`")?;
                if package != env!("CARGO_PKG_NAME") {
                    return Err(format!(
                        "`cargo run -p {package}`: the package of `cx` is {}",
                        env!("CARGO_PKG_NAME")
                    ));
                }
                let dashes = stage.iter().position(|a| a == "--").unwrap();
                &stage[dashes + 1..]
            }
            other => return Err(format!("a pipeline stage that is not cx: {other:?}")),
        };
        Ok(rest
            .iter()
            .map(|a| match self.written.get(a) {
                Some(p) => p.display().to_string(),
                None => a.clone(),
            })
            .collect())
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.temp);
    }
}

/// Whether the printed output (standard error, then standard output) shows the lines a README
/// shows: exactly, or, when the README leaves lines out with `…`, every shown line in order.
fn matches(shown: &[String], stderr: &str, stdout: &str) -> Result<(), String> {
    let mut printed: Vec<&str> = stderr
        .lines()
        .chain(stdout.lines())
        .map(str::trim_end)
        .collect();
    while printed.last().is_some_and(|l| l.is_empty()) {
        printed.pop();
    }
    let elided = shown.iter().any(|l| l.trim() == "…");
    let listing = || format!("printed:\n{}", printed.join("\n"));
    if !elided {
        if shown.is_empty() || shown.iter().map(String::as_str).eq(printed.iter().copied()) {
            return Ok(());
        }
        return Err(format!(
            "the output differs from the README's\nshown:\n{}\n{}",
            shown.join("\n"),
            listing()
        ));
    }
    let mut rest = printed.iter();
    for want in shown.iter().filter(|l| !l.is_empty() && l.trim() != "…") {
        if !rest.any(|got| got == want) {
            return Err(format!(
                "the README shows a line that is not printed (in this order): {want:?}\n{}",
                listing()
            ));
        }
    }
    Ok(())
}

/// Checks every command of one README, returning the failures as messages.
fn check_readme(root: &Path, name: &str, text: &str) -> (usize, Vec<String>) {
    let shown = commands(text);
    let mut session = Session::new(root, &name.replace('/', "_"));
    let failures = shown
        .iter()
        .filter_map(|s| {
            session
                .check(s)
                .err()
                .map(|e| format!("{name}:{}: `{}`\n{e}", s.line, s.command))
        })
        .collect();
    (shown.len(), failures)
}

#[test]
fn every_readme_command_runs_from_the_repository_root_and_prints_what_is_shown() {
    let root = root();
    let mut failures = Vec::new();
    let mut counted = HashMap::new();
    for path in readmes(&root) {
        let name = path.strip_prefix(&root).unwrap().display().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let (n, f) = check_readme(&root, &name, &text);
        counted.insert(name, n);
        failures.extend(f);
    }
    assert!(
        failures.is_empty(),
        "{} README command(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    // The parser found the commands: the root README and the CLI's show several each.
    assert!(counted["README.md"] >= 8, "{counted:?}");
    assert!(counted["crates/cx-cli/README.md"] >= 8, "{counted:?}");
}

#[test]
fn a_broken_command_or_a_stale_output_fails_the_check() {
    let root = root();
    let readme = "\
```text
$ cx retention counts --start 200 --new 150 --lost 140
…
     200  150   140     210     30.0 %  70.0 %        -70.0 %
$ cx survey nps examples/data/no_such_file.csv --column likelihood_to_recommend
$ cx survey nps --ppd 70,10,20
…
all    100         70        10          20  49.0   32.9   64.1
$ cargo run -q -p cx-cli -- survey nps --ppd 70,10,20
$ cx retention counts --start 200 --new 150 --lost 140 \\
      | jq .
$ cx quality sample-size --population 1200
population  required (FPC)
```

Run `cargo run --example no_such_example` or `python3 benches/no_such_script.py`.
";
    let (n, failures) = check_readme(&root, "test.md", readme);
    assert_eq!(n, 8);
    let lines: Vec<&str> = failures
        .iter()
        .map(|f| f.split(':').nth(1).unwrap())
        .collect();
    // The first command passes (its shown lines are printed, the rest elided); each other fails:
    // a missing file, a changed figure, the old package name, a tool other than cx in a pipe,
    // an output shown without `…` that is not the whole output, a missing example and script.
    assert_eq!(
        lines,
        ["5", "6", "9", "10", "12", "16", "16"],
        "{failures:#?}"
    );
}

#[test]
fn commands_are_read_with_continuations_outputs_and_sh_lines() {
    let readme = "\
```sh
cargo run --release --example tour     # the tour
```

```text
$ cx a \\
      b | cx c > out.csv
$ cx d
x

y
```
";
    let found = commands(readme);
    let got: Vec<(usize, &str, usize)> = found
        .iter()
        .map(|s| (s.line, s.command.as_str(), s.output.len()))
        .collect();
    assert_eq!(
        got,
        [
            (2, "cargo run --release --example tour", 0),
            (6, "cx a b | cx c > out.csv", 0),
            (8, "cx d", 3),
        ]
    );
    assert_eq!(
        words("cx --delimiter ';' \"a b\""),
        ["cx", "--delimiter", ";", "a b"]
    );
}
