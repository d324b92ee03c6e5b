#include "visitor.hpp"

namespace seg {

const Visitor::Binding& Visitor::bind(const Program& program) {
  if (binding_.program == &program) return binding_;
  binding_.program = &program;
  binding_.series.resize(program.series.size());
  for (std::size_t i = 0; i < program.series.size(); ++i)
    binding_.series[i] = profile.series_slot(program.series[i].key);
  binding_.sets.resize(program.value_sets.size());
  for (std::size_t i = 0; i < program.value_sets.size(); ++i)
    binding_.sets[i] = profile.set_slot(program.value_sets[i].key);
  binding_.step_bits.resize(program.steps.size());
  for (std::size_t i = 0; i < program.steps.size(); ++i)
    binding_.step_bits[i] = profile.step_bit(program.steps[i].key);
  return binding_;
}

}  // namespace seg
