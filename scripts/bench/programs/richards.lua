-- Richards: Martin Richards' operating-system task scheduler simulation, ported from
-- the version in the V8 benchmark suite. Objects with metatables and methods (one
-- class per task kind, dispatched through task:run), linked lists of packets, field
-- reads and writes, small integer arithmetic. The task state bits are kept as booleans
-- and the idle task's shift/xor are done arithmetically, so no Lua 5.3+ operators are
-- needed.
local COUNT = 1000
local EXPECTED_QUEUE_COUNT = 2322
local EXPECTED_HOLD_COUNT = 928

local ID_IDLE = 1
local ID_WORKER = 2
local ID_HANDLER_A = 3
local ID_HANDLER_B = 4
local ID_DEVICE_A = 5
local ID_DEVICE_B = 6

local KIND_DEVICE = 0
local KIND_WORK = 1

local DATA_SIZE = 4

-- 16-bit exclusive or without bitwise operators
local function xor16(a, b)
  local r, bit = 0, 1
  for _ = 1, 16 do
    local x, y = a % 2, b % 2
    if x ~= y then r = r + bit end
    a, b = (a - x) / 2, (b - y) / 2
    bit = bit * 2
  end
  return r
end

local function class()
  local c = {}
  c.__index = c
  return c
end

------------------------------------------------------------------------------
local Packet = class()

function Packet.new(link, id, kind)
  local a2 = {}
  for i = 1, DATA_SIZE do a2[i] = 0 end
  return setmetatable({ link = link, id = id, kind = kind, a1 = 0, a2 = a2 }, Packet)
end

-- appends this packet to the end of queue and returns the queue
function Packet:add_to(queue)
  self.link = nil
  if queue == nil then return self end
  local next = queue
  local peek = next.link
  while peek ~= nil do
    next = peek
    peek = next.link
  end
  next.link = self
  return queue
end

------------------------------------------------------------------------------
local TaskControlBlock = class()

function TaskControlBlock.new(link, id, priority, queue, task)
  return setmetatable({
    link = link, id = id, priority = priority, queue = queue, task = task,
    -- state: packet_pending = runnable, task_waiting = suspended, task_holding = held
    packet_pending = queue ~= nil, task_waiting = true, task_holding = false,
  }, TaskControlBlock)
end

function TaskControlBlock:set_running()
  self.packet_pending, self.task_waiting, self.task_holding = false, false, false
end

function TaskControlBlock:mark_as_not_held() self.task_holding = false end
function TaskControlBlock:mark_as_held() self.task_holding = true end
function TaskControlBlock:mark_as_suspended() self.task_waiting = true end
function TaskControlBlock:mark_as_runnable() self.packet_pending = true end

function TaskControlBlock:is_held_or_suspended()
  return self.task_holding or (not self.packet_pending and self.task_waiting)
end

function TaskControlBlock:run()
  local packet
  if self.task_waiting and self.packet_pending then
    packet = self.queue
    self.queue = packet.link
    self.task_waiting = false
    self.packet_pending = self.queue ~= nil
  end
  return self.task:run(packet)
end

function TaskControlBlock:check_priority_add(task, packet)
  if self.queue == nil then
    self.queue = packet
    self:mark_as_runnable()
    if self.priority > task.priority then return self end
  else
    self.queue = packet:add_to(self.queue)
  end
  return task
end

------------------------------------------------------------------------------
local Scheduler = class()

function Scheduler.new()
  return setmetatable({ queue_count = 0, hold_count = 0, blocks = {}, list = nil,
    current_tcb = nil, current_id = nil }, Scheduler)
end

function Scheduler:add_task(id, priority, queue, task)
  self.current_tcb = TaskControlBlock.new(self.list, id, priority, queue, task)
  self.list = self.current_tcb
  self.blocks[id] = self.current_tcb
end

function Scheduler:add_running_task(id, priority, queue, task)
  self:add_task(id, priority, queue, task)
  self.current_tcb:set_running()
end

function Scheduler:schedule()
  self.current_tcb = self.list
  while self.current_tcb ~= nil do
    local tcb = self.current_tcb
    if tcb:is_held_or_suspended() then
      self.current_tcb = tcb.link
    else
      self.current_id = tcb.id
      self.current_tcb = tcb:run()
    end
  end
end

function Scheduler:release(id)
  local tcb = self.blocks[id]
  if tcb == nil then return tcb end
  tcb:mark_as_not_held()
  if tcb.priority > self.current_tcb.priority then
    return tcb
  else
    return self.current_tcb
  end
end

function Scheduler:hold_current()
  self.hold_count = self.hold_count + 1
  self.current_tcb:mark_as_held()
  return self.current_tcb.link
end

function Scheduler:suspend_current()
  self.current_tcb:mark_as_suspended()
  return self.current_tcb
end

function Scheduler:queue(packet)
  local t = self.blocks[packet.id]
  if t == nil then return t end
  self.queue_count = self.queue_count + 1
  packet.link = nil
  packet.id = self.current_id
  return t:check_priority_add(self.current_tcb, packet)
end

------------------------------------------------------------------------------
local IdleTask = class()

function IdleTask.new(scheduler, v1, count)
  return setmetatable({ scheduler = scheduler, v1 = v1, count = count }, IdleTask)
end

function IdleTask:run(packet)
  self.count = self.count - 1
  if self.count == 0 then return self.scheduler:hold_current() end
  local v1 = self.v1
  if v1 % 2 == 0 then
    self.v1 = v1 / 2
    return self.scheduler:release(ID_DEVICE_A)
  else
    self.v1 = xor16((v1 - 1) / 2, 0xD008)
    return self.scheduler:release(ID_DEVICE_B)
  end
end

local DeviceTask = class()

function DeviceTask.new(scheduler)
  return setmetatable({ scheduler = scheduler, v1 = nil }, DeviceTask)
end

function DeviceTask:run(packet)
  if packet == nil then
    if self.v1 == nil then return self.scheduler:suspend_current() end
    local v = self.v1
    self.v1 = nil
    return self.scheduler:queue(v)
  else
    self.v1 = packet
    return self.scheduler:hold_current()
  end
end

local WorkerTask = class()

function WorkerTask.new(scheduler, v1, v2)
  return setmetatable({ scheduler = scheduler, v1 = v1, v2 = v2 }, WorkerTask)
end

function WorkerTask:run(packet)
  if packet == nil then return self.scheduler:suspend_current() end
  if self.v1 == ID_HANDLER_A then
    self.v1 = ID_HANDLER_B
  else
    self.v1 = ID_HANDLER_A
  end
  packet.id = self.v1
  packet.a1 = 0
  local a2 = packet.a2
  for i = 1, DATA_SIZE do
    self.v2 = self.v2 + 1
    if self.v2 > 26 then self.v2 = 1 end
    a2[i] = self.v2
  end
  return self.scheduler:queue(packet)
end

local HandlerTask = class()

function HandlerTask.new(scheduler)
  return setmetatable({ scheduler = scheduler, v1 = nil, v2 = nil }, HandlerTask)
end

function HandlerTask:run(packet)
  if packet ~= nil then
    if packet.kind == KIND_WORK then
      self.v1 = packet:add_to(self.v1)
    else
      self.v2 = packet:add_to(self.v2)
    end
  end
  if self.v1 ~= nil then
    local count = self.v1.a1
    if count < DATA_SIZE then
      if self.v2 ~= nil then
        local v = self.v2
        self.v2 = self.v2.link
        v.a1 = self.v1.a2[count + 1]
        self.v1.a1 = count + 1
        return self.scheduler:queue(v)
      end
    else
      local v = self.v1
      self.v1 = self.v1.link
      return self.scheduler:queue(v)
    end
  end
  return self.scheduler:suspend_current()
end

------------------------------------------------------------------------------
local function run_richards()
  local scheduler = Scheduler.new()
  scheduler:add_running_task(ID_IDLE, 0, nil, IdleTask.new(scheduler, 1, COUNT))

  local queue = Packet.new(nil, ID_WORKER, KIND_WORK)
  queue = Packet.new(queue, ID_WORKER, KIND_WORK)
  scheduler:add_task(ID_WORKER, 1000, queue, WorkerTask.new(scheduler, ID_HANDLER_A, 0))

  queue = Packet.new(nil, ID_DEVICE_A, KIND_DEVICE)
  queue = Packet.new(queue, ID_DEVICE_A, KIND_DEVICE)
  queue = Packet.new(queue, ID_DEVICE_A, KIND_DEVICE)
  scheduler:add_task(ID_HANDLER_A, 2000, queue, HandlerTask.new(scheduler))

  queue = Packet.new(nil, ID_DEVICE_B, KIND_DEVICE)
  queue = Packet.new(queue, ID_DEVICE_B, KIND_DEVICE)
  queue = Packet.new(queue, ID_DEVICE_B, KIND_DEVICE)
  scheduler:add_task(ID_HANDLER_B, 3000, queue, HandlerTask.new(scheduler))

  scheduler:add_task(ID_DEVICE_A, 4000, nil, DeviceTask.new(scheduler))
  scheduler:add_task(ID_DEVICE_B, 5000, nil, DeviceTask.new(scheduler))

  scheduler:schedule()

  if scheduler.queue_count ~= EXPECTED_QUEUE_COUNT or scheduler.hold_count ~= EXPECTED_HOLD_COUNT then
    error(string.format("richards: wrong result: queue_count %d, hold_count %d",
      scheduler.queue_count, scheduler.hold_count))
  end
  return scheduler.queue_count, scheduler.hold_count
end

local ROUNDS = 200
local queued, held = 0, 0
for _ = 1, ROUNDS do
  local q, h = run_richards()
  queued = queued + q
  held = held + h
end
print(ROUNDS, queued, held)
