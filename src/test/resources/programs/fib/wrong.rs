fn main() {
    let mut s = String::new();
    std::io::stdin().read_line(&mut s).unwrap();
    let n: u32 = s.trim().parse().unwrap();
    // wrong recurrence: a + 2b
    let (mut a, mut b) = (0u64, 1u64);
    for _ in 0..n {
        let c = a.wrapping_add(b.wrapping_mul(2));
        a = b;
        b = c;
    }
    println!("{}", a);
}
