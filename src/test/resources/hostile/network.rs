use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

fn main() {
    for h in ["127.0.0.1", "10.255.255.53", "1.1.1.1"] {
        let a: SocketAddr = format!("{}:%PORT%", h).parse().unwrap();
        match TcpStream::connect_timeout(&a, Duration::from_millis(500)) {
            Ok(_) => println!("connected {}", h),
            Err(_) => println!("blocked {}", h),
        }
    }
}
