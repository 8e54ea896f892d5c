#include <iostream>
long long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
int main() {
  int n;
  std::cin >> n;
  std::cout << fib(n) << std::endl;
}
