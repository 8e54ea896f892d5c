fn main() {
    let mut s = String::new();
    std::io::stdin().read_line(&mut s).unwrap();
    let n: usize = s.trim().parse().unwrap();
    let f: Vec<u64> = Vec::new();
    println!("{}", f[n]); // out of bounds: a panic
}
