fn main() {
    let mut s = String::new();
    std::io::stdin().read_line(&mut s).unwrap();
    let r: f64 = s.trim().parse().unwrap();
    // 355/113 is within 2.7e-7 of pi: inside the relative tolerance
    println!("{}", 355.0 / 113.0 * r * r);
}
