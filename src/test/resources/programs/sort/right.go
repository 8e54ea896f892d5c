package main

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strings"
)

func main() {
	in := bufio.NewReader(os.Stdin)
	var n int
	fmt.Fscan(in, &n)
	v := make([]int, n)
	for i := range v {
		fmt.Fscan(in, &v[i])
	}
	sort.Ints(v)
	s := make([]string, n)
	for i, x := range v {
		s[i] = fmt.Sprint(x)
	}
	fmt.Println(strings.Join(s, " "))
}
