// The draft can be any JSON a person typed (a list where an object belongs, a number for a rule).
// The engine's validator reports those; the views must only never break on them. These two
// helpers read a value as a list or an object, or as an empty one when it is not.

export function listOf(value) {
  return Array.isArray(value) ? value : [];
}

export function objectOf(value) {
  return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
}
