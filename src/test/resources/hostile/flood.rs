use std::io::Write;

fn main() {
    let s = [b'x'; 65536];
    let mut out = std::io::stdout();
    loop {
        if out.write_all(&s).is_err() {
            break;
        }
    }
}
