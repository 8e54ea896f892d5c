fn main() {
    for p in ["%SECRET%", "/work/shared/STYLE.md", "/etc/shadow", "/root/.bashrc"] {
        match std::fs::read_to_string(p) {
            Ok(s) => println!("READ {} {}", p, s),
            Err(_) => println!("no {}", p),
        }
    }
    for p in ["/usr/evil", "/evil", "/runner/evil", "/etc/evil", "/opt/assay/evil"] {
        match std::fs::write(p, "x") {
            Ok(_) => println!("WROTE {}", p),
            Err(_) => println!("no {}", p),
        }
    }
}
