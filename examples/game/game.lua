-- Behaviours of the entities, by entity name. The host runs each as a coroutine and resumes
-- it once per frame: the first resume passes the entity and the frame number, and every
-- coroutine.yield() ends the entity's turn and returns the next frame number.

behaviours = {}

-- Walks right, one step a frame.
function behaviours.hero(self, frame)
  while true do
    self:move(1, 0)
    frame = coroutine.yield()
  end
end

-- Zigzags: up on odd frames, down on even ones, always moving right.
function behaviours.bat(self, frame)
  while true do
    local dy = frame % 2 == 1 and 1 or -1
    self:move(0.5, dy)
    frame = coroutine.yield()
  end
end

-- Waits until frame 3, then fires an arrow and is done (its coroutine ends).
function behaviours.trap(self, frame)
  while frame < 3 do
    frame = coroutine.yield()
  end
  -- An entity made in Lua, with the constructor the host registered.
  local arrow = Entity.new("arrow", self.x, self.y)
  arrow:move(-2, 0)
  log(self.name .. " fires " .. tostring(arrow))
  self.name = "spent trap"  -- fields are writable from Lua
end
