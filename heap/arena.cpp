#include "heap/arena.hpp"

#include <algorithm>
#include <cstring>
#include <new>

namespace tycho::heap {

static_assert(kLargeThreshold + kLineSize <= kBlockSize, "an arena payload must fit a block");

namespace {

char* block_base(BlockHeader* block) { return reinterpret_cast<char*>(block); }

// Index of the first line >= from whose bit equals `set`, or kLinesPerBlock.
size_t find_line(const uint64_t* words, size_t from, bool set) {
  for (size_t w = from / 64; w < kLineWords; ++w) {
    uint64_t bits = set ? words[w] : ~words[w];
    if (w == from / 64) bits &= ~uint64_t{0} << (from % 64);
    if (bits != 0) return w * 64 + static_cast<size_t>(__builtin_ctzll(bits));
  }
  return kLinesPerBlock;
}

}  // namespace

Arena::Arena() = default;

Arena::~Arena() {
  for (BlockHeader* block : blocks_) chunks_.release(block);
  while (spare_ != nullptr) {
    BlockHeader* next = spare_->next;
    chunks_.release(spare_);
    spare_ = next;
  }
}

void* Arena::allocate_slow(size_t bytes) {
  if (bytes > kLineSize) {
    // Medium payload that missed the current hole: use the overflow cursor.
    if (bytes > static_cast<size_t>(overflow_limit_ - overflow_cursor_)) {
      BlockHeader* block = take_empty_block();
      if (block == nullptr) return nullptr;
      overflow_cursor_ = block_base(block) + kLineSize;
      overflow_limit_ = block_base(block) + kBlockSize;
    }
    void* p = overflow_cursor_;
    overflow_cursor_ += bytes;
    unpoison(p, bytes);
    return p;
  }
  for (;;) {
    if (current_ != nullptr && next_hole()) {
      if (fits(bytes)) return bump(bytes);  // always, for bytes <= kLineSize
      continue;
    }
    current_ = nullptr;
    if (recyclable_ != nullptr) {
      current_ = recyclable_;
      recyclable_ = current_->next_recyclable;
      if (recyclable_ == nullptr) recyclable_tail_ = &recyclable_;
    }
    while (current_ == nullptr && !queue_.empty()) {  // sweep on until a block has room
      BlockHeader* block = queue_.back();
      queue_.pop_back();
      if (block->swept_epoch != epoch_ && sweep_block(block) != Swept::kFull) current_ = block;
    }
    if (current_ == nullptr) {
      current_ = take_empty_block();
      if (current_ == nullptr) return nullptr;
    }
    next_line_ = 1;
  }
}

bool Arena::next_hole() {
  const size_t start = find_line(current_->line_live, next_line_, false);
  if (start >= kLinesPerBlock) {
    next_line_ = kLinesPerBlock;
    return false;
  }
  const size_t end = find_line(current_->line_live, start, true);
  cursor_ = block_base(current_) + start * kLineSize;
  limit_ = block_base(current_) + end * kLineSize;
  next_line_ = end;
  return true;
}

BlockHeader* Arena::take_empty_block() {
  BlockHeader* block = spare_;
  if (block != nullptr) {
    spare_ = block->next;
    --spare_count_;
    std::memset(block, 0, sizeof(BlockHeader));
  } else {
    void* chunk = chunks_.acquire();
    if (chunk == nullptr) return nullptr;
    block = new (chunk) BlockHeader{};
  }
  block->line_live[0] = 1;  // line 0 holds the header
  block->swept_epoch = epoch_;
  poison(block_base(block) + kLineSize, kBlockSize - kLineSize);
  block->index = static_cast<uint32_t>(blocks_.size());
  blocks_.push_back(block);
  ++blocks_in_use_;
  index_dirty_ = true;
  return block;
}

void Arena::retire_block(BlockHeader* block) {
  BlockHeader* last = blocks_.back();
  blocks_[block->index] = last;
  last->index = block->index;
  blocks_.pop_back();
  --blocks_in_use_;
  index_dirty_ = true;
  poison(block_base(block) + kLineSize, kBlockSize - kLineSize);
  block->next = spare_;
  spare_ = block;
  ++spare_count_;
}

bool Arena::trim_some(size_t n) {
  for (; spare_count_ > std::max(kSpareBlocks, blocks_in_use_); --n) {
    if (n == 0) return false;
    BlockHeader* block = spare_;
    spare_ = block->next;
    --spare_count_;
    chunks_.release(block);
  }
  return true;
}

void Arena::begin_sweep(bool sticky) {
  if (!queue_.empty()) sweep_some(SIZE_MAX);
  ++epoch_;
  sticky_ = sticky;
  queue_ = blocks_;
  recyclable_ = nullptr;
  recyclable_tail_ = &recyclable_;
  cursor_ = limit_ = nullptr;
  current_ = nullptr;
  next_line_ = 0;
  overflow_cursor_ = overflow_limit_ = nullptr;
}

Arena::Swept Arena::sweep_block(BlockHeader* block) {
  block->swept_epoch = epoch_;
  bool empty = true;
  bool full = true;
  for (size_t w = 0; w < kLineWords; ++w) {
    const uint64_t live = block->line_mark[w] | (w == 0 ? 1 : 0);
    block->line_live[w] = live;
    if (!sticky_) block->line_mark[w] = 0;
    if (live != (w == 0 ? 1 : 0)) empty = false;
    if (live != ~uint64_t{0}) full = false;
  }
  if (full) return Swept::kFull;
  if constexpr (kPoisoning) {
    for (size_t line = 1; line < kLinesPerBlock; ++line) {
      if ((block->line_live[line / 64] & (uint64_t{1} << (line % 64))) == 0) {
        poison(block_base(block) + line * kLineSize, kLineSize);
      }
    }
  }
  return empty ? Swept::kEmpty : Swept::kHoles;
}

bool Arena::sweep_some(size_t blocks) {
  while (blocks > 0 && !queue_.empty()) {
    BlockHeader* block = queue_.back();
    queue_.pop_back();
    if (block->swept_epoch == epoch_) continue;  // the allocator swept it already
    --blocks;
    switch (sweep_block(block)) {
      case Swept::kFull:
        break;
      case Swept::kEmpty:
        retire_block(block);
        break;
      case Swept::kHoles:
        block->next_recyclable = nullptr;
        *recyclable_tail_ = block;
        recyclable_tail_ = &block->next_recyclable;
        break;
    }
  }
  if (!queue_.empty()) return false;
  trim_some(kTrimAtOnce);
  return true;
}

void Arena::clear_marks() {
  for (BlockHeader* block : blocks_) {
    std::memset(block->line_mark, 0, sizeof(block->line_mark));
  }
}

bool Arena::contains(const void* p) const {
  if (index_dirty_) {
    index_.clear();
    for (BlockHeader* block : blocks_) {
      index_.push_back(reinterpret_cast<uintptr_t>(block));
    }
    std::sort(index_.begin(), index_.end());
    index_dirty_ = false;
  }
  const uintptr_t addr = reinterpret_cast<uintptr_t>(p);
  const uintptr_t base = addr & ~uintptr_t{kBlockSize - 1};
  return addr - base >= kLineSize && std::binary_search(index_.begin(), index_.end(), base);
}

size_t Arena::free_line_count() const {
  size_t lines = 0;
  for (BlockHeader* block : blocks_) {
    for (uint64_t word : block->line_live) {
      lines += 64 - popcount64(word);
    }
  }
  return lines;
}

}  // namespace tycho::heap
