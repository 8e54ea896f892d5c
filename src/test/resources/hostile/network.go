package main

import (
	"fmt"
	"net"
	"time"
)

func main() {
	for _, h := range []string{"127.0.0.1", "10.255.255.53", "1.1.1.1"} {
		c, err := net.DialTimeout("tcp", h+":%PORT%", 500*time.Millisecond)
		if err == nil {
			c.Close()
			fmt.Println("connected", h)
		} else {
			fmt.Println("blocked", h)
		}
	}
}
