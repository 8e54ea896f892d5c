package main

import (
	"fmt"
	"math"
)

func main() {
	var r float64
	fmt.Scan(&r)
	fmt.Printf("%.9e\n", math.Pi*r*r)
}
