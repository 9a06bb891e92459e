from django.contrib.auth.password_validation import MinimumLengthValidator
from django.core.exceptions import ValidationError


class DutchMinimumLengthValidator(MinimumLengthValidator):
    """Django's length check, with a short Dutch message (Django's own is not translated)."""

    def __init__(self, min_length=10):
        super().__init__(min_length)

    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(
                f"Dit wachtwoord is te kort. Gebruik minstens {self.min_length} tekens.",
                code="password_too_short",
                params={"min_length": self.min_length},
            )

    def get_help_text(self):
        return f"Gebruik minstens {self.min_length} tekens."
