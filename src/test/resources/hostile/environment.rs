fn main() {
    for (k, v) in std::env::vars() {
        println!("{}={}", k, v);
    }
    for p in ["/proc/self/environ", "/proc/1/environ"] {
        match std::fs::read(p) {
            Ok(b) => println!("{}: {}", p, String::from_utf8_lossy(&b).replace('\0', "\n")),
            Err(_) => println!("{}: unreadable", p),
        }
    }
}
