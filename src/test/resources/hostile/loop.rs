fn main() {
    let mut x: u64 = 0;
    loop {
        x = x.wrapping_add(1);
        unsafe { std::ptr::write_volatile(&mut x, x) };
    }
}
