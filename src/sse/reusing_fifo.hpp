// A first-in first-out buffer for queues that are drained completely between bursts (the SSE
// parser's completed events, a watch session's pending actions): a vector read from a moving
// front, rewound when empty. Unlike std::deque, which allocates and frees a block every few
// elements as they pass through, it reaches its working size once and then never allocates.
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

namespace aviso::sse {

template <class T>
class ReusingFifo {
 public:
  bool empty() const noexcept { return front_ == items_.size(); }
  std::size_t size() const noexcept { return items_.size() - front_; }

  void push_back(T item) { items_.push_back(std::move(item)); }
  // Builds the item in place: an item that is costly to move is moved no more than it must be.
  template <class... Args>
  void emplace_back(Args&&... args) {
    items_.emplace_back(std::forward<Args>(args)...);
  }

  // The queue must not be empty.
  T pop_front() {
    T item = std::move(items_[front_]);
    ++front_;
    if (front_ == items_.size()) clear();
    return item;
  }

  void clear() noexcept {
    items_.clear();  // keeps the capacity
    front_ = 0;
  }

 private:
  std::vector<T> items_;
  std::size_t front_ = 0;  // items_[0, front_) were taken and are moved-from
};

}  // namespace aviso::sse
