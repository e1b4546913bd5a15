"""One module per rule type. RULE_TYPES maps the YAML ``type:`` value to its class."""

from mtcheck.engines.rules.types.balance import BalanceRule
from mtcheck.engines.rules.types.consistency import ConsistencyRule
from mtcheck.engines.rules.types.copied import CopiedRule
from mtcheck.engines.rules.types.glossary import GlossaryRule
from mtcheck.engines.rules.types.kept import KeptRule
from mtcheck.engines.rules.types.length import LengthRule
from mtcheck.engines.rules.types.loop import LoopRule
from mtcheck.engines.rules.types.pattern import PatternRule
from mtcheck.engines.rules.types.punctuation import PunctuationRule
from mtcheck.engines.rules.types.repetition import RepetitionRule
from mtcheck.engines.rules.types.substitution import SubstitutionRule
from mtcheck.engines.rules.types.translation_consistency import TranslationConsistencyRule
from mtcheck.engines.rules.types.untranslated import UntranslatedRule

RULE_TYPES = {
    cls.TYPE: cls
    for cls in (
        PatternRule,
        SubstitutionRule,
        RepetitionRule,
        PunctuationRule,
        ConsistencyRule,
        BalanceRule,
        UntranslatedRule,
        KeptRule,
        LoopRule,
        CopiedRule,
        LengthRule,
        GlossaryRule,
        TranslationConsistencyRule,
    )
}
