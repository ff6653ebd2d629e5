//! `cx`: the command-line tool of the cx-metrics workspace (see the library target for the
//! command tree).

fn main() -> std::process::ExitCode {
    cx_cli::main()
}
