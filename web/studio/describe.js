// A rule in plain words ("viewed an item (tags = new) 3 or more times within 7d"), shown beside
// each condition and in the catalogue so a shop owner can read a rule without reading JSON.
import { ruleKind, comparisonOf, eventLabel } from './vocabulary.js';

const OP_WORDS = { gte: 'at least', gt: 'more than', lte: 'at most', lt: 'less than', eq: '=', ne: '≠',
  startsWith: 'starts with', contains: 'contains', in: 'is one of' };

function show(v) {
  if (Array.isArray(v)) return v.map(show).join(', ');
  if (v && typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function comparisonWords(rule) {
  const op = comparisonOf(rule);
  if (!op) return '';
  const value = rule[op];
  if (op === 'between' && Array.isArray(value)) return `between ${show(value[0])} and ${show(value[1])}`;
  if (op === 'exists') return value ? 'is set' : 'is not set';
  return `${OP_WORDS[op] || op} ${show(value)}`;
}

function whereWords(where) {
  if (!where || typeof where !== 'object') return '';
  const parts = Object.entries(where).map(([k, v]) => {
    if (Array.isArray(v)) return `${k} in ${show(v)}`;
    if (v && typeof v === 'object') { const [op, x] = Object.entries(v)[0] || []; return `${k} ${OP_WORDS[op] || op} ${show(x)}`; }
    return `${k} = ${show(v)}`;
  });
  return parts.length ? ` (${parts.join(', ')})` : '';
}

function windowWords(rule) {
  const w = rule.within === undefined ? '' : rule.within === 'session' ? ' in this session' : rule.within === 'lifetime' ? ' ever' : ` within ${rule.within}`;
  return w + (rule.ago ? `, ${rule.ago} ago` : '');
}

export function describeRule(rule, depth = 0) {
  const kind = ruleKind(rule);
  if (!kind) return '(unrecognised rule)';
  if (depth > 6) return '…';
  const cmp = comparisonWords(rule);
  switch (kind) {
    case 'all': if (!Array.isArray(rule.all)) return 'all of (?)';
      return rule.all.length ? rule.all.map((r) => describeRule(r, depth + 1)).join(' AND ') : 'always';
    case 'any': if (!Array.isArray(rule.any)) return 'any of (?)';
      return rule.any.length ? `(${rule.any.map((r) => describeRule(r, depth + 1)).join(' OR ')})` : 'never';
    case 'not': return `NOT (${describeRule(rule.not, depth + 1)})`;
    case 'count': {
      const op = comparisonOf(rule);
      const n = op ? rule[op] : 1;
      const times = !op ? ' at least once'
        : n === 1 && ['gte', 'eq', 'lte'].includes(op) ? ` ${cmp.replace(/ 1$/, ' once')}`
          : n === 0 && ['eq', 'lte'].includes(op) ? ' never'
            : ` ${cmp} times`;
      const per = rule.per ? ` for the same ${rule.per}` : '';
      return `${eventLabel(rule.count)}${whereWords(rule.where)}${per}${times}${windowWords(rule)}`;
    }
    case 'distinct': return `different ${rule.distinct}${whereWords(rule.where)}${windowWords(rule)} ${cmp}`;
    case 'sum': return `total ${rule.sum}${whereWords(rule.where)}${windowWords(rule)} ${cmp}`;
    case 'avg': return `average ${rule.avg}${whereWords(rule.where)}${windowWords(rule)} ${cmp}`;
    case 'share': return `share of ${rule.share} events that are${whereWords(rule.where)}${windowWords(rule)} ${cmp}`;
    case 'trend': return `change of ${rule.trend}${whereWords(rule.where)}${windowWords(rule)} vs the period before ${cmp}`;
    case 'since': return `time since ${eventLabel(rule.since)}${whereWords(rule.where)} ${cmp}`;
    case 'sequence': return `${(Array.isArray(rule.sequence) ? rule.sequence : []).map((s) => (typeof s === 'string' ? s : s && s.event)).join(' → ')}${windowWords(rule)}`;
    case 'trait': return `trait ${rule.trait} ${cmp}`;
    case 'context': return `${rule.context} ${cmp}`;
    case 'segment': return `in segment ${rule.segment}`;
    default: return kind;
  }
}

export function describeSegment(segment) {
  if (!segment || typeof segment !== 'object') return '';
  if (segment.rule) return describeRule(segment.rule);
  if (segment.score && typeof segment.score === 'object') {
    const signals = (Array.isArray(segment.score.signals) ? segment.score.signals : []).filter((s) => s && typeof s === 'object');
    return `score ≥ ${segment.score.enter} from ${signals.length} signals: ${signals.map((s) => `${s.label || describeRule(s.rule)} (+${s.weight})`).join('; ')}`;
  }
  return '';
}
