#include <iostream>
#include <vector>
int main() {
  int n;
  std::cin >> n;
  std::vector<long long> f;  // never sized: at() throws std::out_of_range
  f.at(n) = 0;
  std::cout << f.at(n) << std::endl;
}
