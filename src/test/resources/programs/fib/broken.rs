fn main() {
    let n: u64 = "5".parse().unwrap();
    let s: String = n;
    println!("{}", s);
}
