-- DeltaBlue: the incremental dataflow constraint solver (Maloney, Freeman-Benson and
-- Borning), ported from the version in the V8 benchmark suite. A class hierarchy built
-- with metatables (Constraint > UnaryConstraint > Stay/EditConstraint, Constraint >
-- BinaryConstraint > Scale/EqualityConstraint), method calls through two or three
-- levels of __index, small ordered collections and many short-lived objects. Runs the
-- chain and projection tests repeatedly; both check their own results.

------------------------------------------------------------------------------
-- classes

local function class(parent)
  local c = {}
  c.__index = c
  if parent then setmetatable(c, { __index = parent }) end
  return c
end

------------------------------------------------------------------------------
-- OrderedCollection: a growable array

local OrderedCollection = class()

function OrderedCollection.new()
  return setmetatable({ elms = {}, n = 0 }, OrderedCollection)
end

function OrderedCollection:add(elm)
  local n = self.n + 1
  self.elms[n] = elm
  self.n = n
end

function OrderedCollection:at(index) return self.elms[index] end
function OrderedCollection:size() return self.n end

function OrderedCollection:remove_first()
  local elms, n = self.elms, self.n
  local first = elms[1]
  for i = 1, n - 1 do elms[i] = elms[i + 1] end
  elms[n] = nil
  self.n = n - 1
  return first
end

function OrderedCollection:remove(elm)
  local elms, n = self.elms, self.n
  local index = 0
  for i = 1, n do
    local value = elms[i]
    if value ~= elm then
      index = index + 1
      elms[index] = value
    end
  end
  for i = index + 1, n do elms[i] = nil end
  self.n = index
end

------------------------------------------------------------------------------
-- Strength: the strength of a constraint, smaller is stronger

local Strength = class()

function Strength.new(value, name)
  return setmetatable({ strength_value = value, name = name }, Strength)
end

function Strength.stronger(s1, s2) return s1.strength_value < s2.strength_value end
function Strength.weaker(s1, s2) return s1.strength_value > s2.strength_value end

function Strength.weakest_of(s1, s2)
  if Strength.weaker(s1, s2) then return s1 else return s2 end
end

function Strength.strongest(s1, s2)
  if Strength.stronger(s1, s2) then return s1 else return s2 end
end

Strength.REQUIRED = Strength.new(0, "required")
Strength.STRONG_PREFERRED = Strength.new(1, "strongPreferred")
Strength.PREFERRED = Strength.new(2, "preferred")
Strength.STRONG_DEFAULT = Strength.new(3, "strongDefault")
Strength.NORMAL = Strength.new(4, "normal")
Strength.WEAK_DEFAULT = Strength.new(5, "weakDefault")
Strength.WEAKEST = Strength.new(6, "weakest")

local next_weaker = {
  [0] = Strength.WEAKEST, Strength.WEAK_DEFAULT, Strength.NORMAL,
  Strength.STRONG_DEFAULT, Strength.PREFERRED, Strength.REQUIRED,
}

function Strength:next_weaker() return next_weaker[self.strength_value] end

------------------------------------------------------------------------------
-- the planner (one per test)

local planner

------------------------------------------------------------------------------
-- Constraint: the abstract base class

local Constraint = class()

function Constraint:init(strength) self.strength = strength end

-- activates this constraint and attempts to satisfy it
function Constraint:add_constraint()
  self:add_to_graph()
  planner:incremental_add(self)
end

-- tries to satisfy the constraint; returns the constraint it overrides, if any
function Constraint:satisfy(mark)
  self:choose_method(mark)
  if not self:is_satisfied() then
    if self.strength == Strength.REQUIRED then
      error("Could not satisfy a required constraint!")
    end
    return nil
  end
  self:mark_inputs(mark)
  local out = self:output()
  local overridden = out.determined_by
  if overridden ~= nil then overridden:mark_unsatisfied() end
  out.determined_by = self
  if not planner:add_propagate(self, mark) then error("Cycle encountered") end
  out.mark = mark
  return overridden
end

function Constraint:destroy_constraint()
  if self:is_satisfied() then
    planner:incremental_remove(self)
  else
    self:remove_from_graph()
  end
end

function Constraint:is_input() return false end

------------------------------------------------------------------------------
-- UnaryConstraint: an abstract constraint with a single variable

local UnaryConstraint = class(Constraint)

function UnaryConstraint:init(v, strength)
  Constraint.init(self, strength)
  self.my_output = v
  self.satisfied = false
  self:add_constraint()
end

function UnaryConstraint:add_to_graph()
  self.my_output:add_constraint(self)
  self.satisfied = false
end

function UnaryConstraint:choose_method(mark)
  self.satisfied = (self.my_output.mark ~= mark)
    and Strength.stronger(self.strength, self.my_output.walk_strength)
end

function UnaryConstraint:is_satisfied() return self.satisfied end
function UnaryConstraint:mark_inputs(mark) end -- has no inputs
function UnaryConstraint:output() return self.my_output end

function UnaryConstraint:recalculate()
  self.my_output.walk_strength = self.strength
  self.my_output.stay = not self:is_input()
  if self.my_output.stay then self:execute() end -- stay optimization
end

function UnaryConstraint:mark_unsatisfied() self.satisfied = false end
function UnaryConstraint:inputs_known() return true end

function UnaryConstraint:remove_from_graph()
  if self.my_output ~= nil then self.my_output:remove_constraint(self) end
  self.satisfied = false
end

-- StayConstraint: keeps a variable from changing during planning
local StayConstraint = class(UnaryConstraint)

function StayConstraint.new(v, str)
  local c = setmetatable({}, StayConstraint)
  c:init(v, str)
  return c
end

function StayConstraint:execute() end -- stay constraints do nothing

-- EditConstraint: marks a variable to be changed by an external input
local EditConstraint = class(UnaryConstraint)

function EditConstraint.new(v, str)
  local c = setmetatable({}, EditConstraint)
  c:init(v, str)
  return c
end

function EditConstraint:is_input() return true end
function EditConstraint:execute() end -- edit constraints do nothing

------------------------------------------------------------------------------
-- BinaryConstraint: an abstract constraint with two variables

local NONE, FORWARD, BACKWARD = 0, 1, -1

local BinaryConstraint = class(Constraint)

function BinaryConstraint:init(var1, var2, strength)
  Constraint.init(self, strength)
  self.v1 = var1
  self.v2 = var2
  self.direction = NONE
  self:add_constraint()
end

-- decides the direction (which variable is the output), if any
function BinaryConstraint:choose_method(mark)
  local v1, v2 = self.v1, self.v2
  if v1.mark == mark then
    if v2.mark ~= mark and Strength.stronger(self.strength, v2.walk_strength) then
      self.direction = FORWARD
    else
      self.direction = NONE
    end
  end
  if v2.mark == mark then
    if v1.mark ~= mark and Strength.stronger(self.strength, v1.walk_strength) then
      self.direction = BACKWARD
    else
      self.direction = NONE
    end
  end
  if Strength.weaker(v1.walk_strength, v2.walk_strength) then
    if Strength.stronger(self.strength, v1.walk_strength) then
      self.direction = BACKWARD
    else
      self.direction = NONE
    end
  else
    if Strength.stronger(self.strength, v2.walk_strength) then
      self.direction = FORWARD
    else
      self.direction = BACKWARD
    end
  end
end

function BinaryConstraint:add_to_graph()
  self.v1:add_constraint(self)
  self.v2:add_constraint(self)
  self.direction = NONE
end

function BinaryConstraint:is_satisfied() return self.direction ~= NONE end
function BinaryConstraint:mark_inputs(mark) self:input().mark = mark end

function BinaryConstraint:input()
  if self.direction == FORWARD then return self.v1 else return self.v2 end
end

function BinaryConstraint:output()
  if self.direction == FORWARD then return self.v2 else return self.v1 end
end

function BinaryConstraint:recalculate()
  local ihn, out = self:input(), self:output()
  out.walk_strength = Strength.weakest_of(self.strength, ihn.walk_strength)
  out.stay = ihn.stay
  if out.stay then self:execute() end
end

function BinaryConstraint:mark_unsatisfied() self.direction = NONE end

function BinaryConstraint:inputs_known(mark)
  local i = self:input()
  return i.mark == mark or i.stay or i.determined_by == nil
end

function BinaryConstraint:remove_from_graph()
  if self.v1 ~= nil then self.v1:remove_constraint(self) end
  if self.v2 ~= nil then self.v2:remove_constraint(self) end
  self.direction = NONE
end

-- ScaleConstraint: v2 = v1 * scale + offset, in either direction
local ScaleConstraint = class(BinaryConstraint)

function ScaleConstraint.new(src, scale, offset, dest, strength)
  local c = setmetatable({}, ScaleConstraint)
  c.direction = NONE
  c.scale = scale
  c.offset = offset
  c:init(src, dest, strength)
  return c
end

function ScaleConstraint:add_to_graph()
  BinaryConstraint.add_to_graph(self)
  self.scale:add_constraint(self)
  self.offset:add_constraint(self)
end

function ScaleConstraint:remove_from_graph()
  BinaryConstraint.remove_from_graph(self)
  if self.scale ~= nil then self.scale:remove_constraint(self) end
  if self.offset ~= nil then self.offset:remove_constraint(self) end
end

function ScaleConstraint:mark_inputs(mark)
  BinaryConstraint.mark_inputs(self, mark)
  self.scale.mark = mark
  self.offset.mark = mark
end

function ScaleConstraint:execute()
  if self.direction == FORWARD then
    self.v2.value = self.v1.value * self.scale.value + self.offset.value
  else
    self.v1.value = (self.v2.value - self.offset.value) / self.scale.value
  end
end

function ScaleConstraint:recalculate()
  local ihn, out = self:input(), self:output()
  out.walk_strength = Strength.weakest_of(self.strength, ihn.walk_strength)
  out.stay = ihn.stay and self.scale.stay and self.offset.stay
  if out.stay then self:execute() end
end

-- EqualityConstraint: v1 == v2
local EqualityConstraint = class(BinaryConstraint)

function EqualityConstraint.new(var1, var2, strength)
  local c = setmetatable({}, EqualityConstraint)
  c:init(var1, var2, strength)
  return c
end

function EqualityConstraint:execute()
  self:output().value = self:input().value
end

------------------------------------------------------------------------------
-- Variable: a constrained variable

local Variable = class()

function Variable.new(name, initial_value)
  return setmetatable({
    value = initial_value or 0,
    constraints = OrderedCollection.new(),
    determined_by = nil,
    mark = 0,
    walk_strength = Strength.WEAKEST,
    stay = true,
    name = name,
  }, Variable)
end

function Variable:add_constraint(c) self.constraints:add(c) end

function Variable:remove_constraint(c)
  self.constraints:remove(c)
  if self.determined_by == c then self.determined_by = nil end
end

------------------------------------------------------------------------------
-- Plan: an ordered list of constraints to execute

local Plan = class()

function Plan.new() return setmetatable({ v = OrderedCollection.new() }, Plan) end
function Plan:add_constraint(c) self.v:add(c) end
function Plan:size() return self.v:size() end
function Plan:constraint_at(index) return self.v:at(index) end

function Plan:execute()
  for i = 1, self:size() do self:constraint_at(i):execute() end
end

------------------------------------------------------------------------------
-- Planner

local Planner = class()

function Planner.new() return setmetatable({ current_mark = 0 }, Planner) end

function Planner:incremental_add(c)
  local mark = self:new_mark()
  local overridden = c:satisfy(mark)
  while overridden ~= nil do overridden = overridden:satisfy(mark) end
end

function Planner:incremental_remove(c)
  local out = c:output()
  c:mark_unsatisfied()
  c:remove_from_graph()
  local unsatisfied = self:remove_propagate_from(out)
  local strength = Strength.REQUIRED
  repeat
    for i = 1, unsatisfied:size() do
      local u = unsatisfied:at(i)
      if u.strength == strength then self:incremental_add(u) end
    end
    strength = strength:next_weaker()
  until strength == Strength.WEAKEST
end

function Planner:new_mark()
  self.current_mark = self.current_mark + 1
  return self.current_mark
end

function Planner:make_plan(sources)
  local mark = self:new_mark()
  local plan = Plan.new()
  local todo = sources
  while todo:size() > 0 do
    local c = todo:remove_first()
    if c:output().mark ~= mark and c:inputs_known(mark) then
      plan:add_constraint(c)
      c:output().mark = mark
      self:add_constraints_consuming_to(c:output(), todo)
    end
  end
  return plan
end

function Planner:extract_plan_from_constraints(constraints)
  local sources = OrderedCollection.new()
  for i = 1, constraints:size() do
    local c = constraints:at(i)
    if c:is_input() and c:is_satisfied() then sources:add(c) end
  end
  return self:make_plan(sources)
end

function Planner:add_propagate(c, mark)
  local todo = OrderedCollection.new()
  todo:add(c)
  while todo:size() > 0 do
    local d = todo:remove_first()
    if d:output().mark == mark then
      self:incremental_remove(c)
      return false
    end
    d:recalculate()
    self:add_constraints_consuming_to(d:output(), todo)
  end
  return true
end

function Planner:remove_propagate_from(out)
  out.determined_by = nil
  out.walk_strength = Strength.WEAKEST
  out.stay = true
  local unsatisfied = OrderedCollection.new()
  local todo = OrderedCollection.new()
  todo:add(out)
  while todo:size() > 0 do
    local v = todo:remove_first()
    for i = 1, v.constraints:size() do
      local c = v.constraints:at(i)
      if not c:is_satisfied() then unsatisfied:add(c) end
    end
    local determining = v.determined_by
    for i = 1, v.constraints:size() do
      local next = v.constraints:at(i)
      if next ~= determining and next:is_satisfied() then
        next:recalculate()
        todo:add(next:output())
      end
    end
  end
  return unsatisfied
end

function Planner:add_constraints_consuming_to(v, coll)
  local determining = v.determined_by
  local cc = v.constraints
  for i = 1, cc:size() do
    local c = cc:at(i)
    if c ~= determining and c:is_satisfied() then coll:add(c) end
  end
end

------------------------------------------------------------------------------
-- the tests

local checksum = 0

-- a long chain of equality constraints, then the first variable is edited
local function chain_test(n)
  planner = Planner.new()
  local prev, first, last = nil, nil, nil
  for i = 0, n do
    local v = Variable.new("v" .. i)
    if prev ~= nil then EqualityConstraint.new(prev, v, Strength.REQUIRED) end
    if i == 0 then first = v end
    if i == n then last = v end
    prev = v
  end
  StayConstraint.new(last, Strength.STRONG_DEFAULT)
  local edit = EditConstraint.new(first, Strength.PREFERRED)
  local edits = OrderedCollection.new()
  edits:add(edit)
  local plan = planner:extract_plan_from_constraints(edits)
  for i = 0, 99 do
    first.value = i
    plan:execute()
    if last.value ~= i then error("Chain test failed.") end
    checksum = checksum + last.value
  end
  checksum = checksum + plan:size()
end

local function change(v, new_value)
  local edit = EditConstraint.new(v, Strength.PREFERRED)
  local edits = OrderedCollection.new()
  edits:add(edit)
  local plan = planner:extract_plan_from_constraints(edits)
  for _ = 1, 10 do
    v.value = new_value
    plan:execute()
  end
  edit:destroy_constraint()
  checksum = checksum + plan:size()
end

-- n variable pairs related by scale constraints sharing the scale and offset variables
local function projection_test(n)
  planner = Planner.new()
  local scale = Variable.new("scale", 10)
  local offset = Variable.new("offset", 1000)
  local src, dst = nil, nil
  local dests = OrderedCollection.new()
  for i = 0, n - 1 do
    src = Variable.new("src" .. i, i)
    dst = Variable.new("dst" .. i, i)
    dests:add(dst)
    StayConstraint.new(src, Strength.NORMAL)
    ScaleConstraint.new(src, scale, offset, dst, Strength.REQUIRED)
  end
  change(src, 17)
  if dst.value ~= 1170 then error("Projection 1 failed") end
  change(dst, 1050)
  if src.value ~= 5 then error("Projection 2 failed") end
  change(scale, 5)
  for i = 0, n - 2 do
    if dests:at(i + 1).value ~= i * 5 + 1000 then error("Projection 3 failed") end
  end
  change(offset, 2000)
  for i = 0, n - 2 do
    if dests:at(i + 1).value ~= i * 5 + 2000 then error("Projection 4 failed") end
    checksum = checksum + dests:at(i + 1).value
  end
end

local ROUNDS = 130
for _ = 1, ROUNDS do
  chain_test(100)
  projection_test(100)
end
print(ROUNDS, string.format("%d", checksum))
