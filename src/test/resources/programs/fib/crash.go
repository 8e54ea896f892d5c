package main

import "fmt"

func main() {
	var n int
	fmt.Scan(&n)
	f := []int64{}
	fmt.Println(f[n]) // index out of range: a panic
}
