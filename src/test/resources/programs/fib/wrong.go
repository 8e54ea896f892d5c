package main

import "fmt"

// int32 overflows past F(46)
func main() {
	var n int
	fmt.Scan(&n)
	a, b := int32(0), int32(1)
	for i := 0; i < n; i++ {
		a, b = b, a+b
	}
	fmt.Println(a)
}
