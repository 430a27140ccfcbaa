"""A visible frame around whichever widget has the keyboard focus, in every window of the app.

The platform styles mark focus faintly or not at all (a combo box, a list, a
tree), and EN 301 549 asks that focus be visible. A frame is drawn on top of
the focused widget, inside its edges, in the palette's highlight colour, or
in its text colour where the highlight is too faint against the background
(a high-contrast palette, a pale theme): at least 3:1, as WCAG 2.4.11 asks
of a focus indicator. It never takes a click or a key. Installed once per
application by `install`.
"""

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QWidget

WIDTH = 2  # pixels
MINIMUM_CONTRAST = 3.0


class FocusFrame(QWidget):
    """The frame of one widget: a transparent child on top of it."""

    def __init__(self, target: QWidget):
        super().__init__(target)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        target.installEventFilter(self)
        self.hide()

    def colour(self) -> QColor:
        return frame_colour(self.parentWidget().palette())

    def follow(self) -> None:
        self.setGeometry(self.parentWidget().rect())
        self.raise_()

    def eventFilter(self, watched, event) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.ChildAdded) and self.isVisible():
            self.follow()
        return False

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setPen(QPen(self.colour(), WIDTH))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        half = WIDTH / 2
        painter.drawRect(self.rect().toRectF().adjusted(half, half, -half, -half))


class _FocusFollower(QObject):
    def __init__(self, app: QApplication):
        super().__init__(app)
        app.focusChanged.connect(self._moved)

    def _moved(self, old: QWidget | None, new: QWidget | None) -> None:
        if old is not None and (frame := old.findChild(FocusFrame, options=Qt.FindChildOption.FindDirectChildrenOnly)):
            frame.hide()
        if new is None or new.isWindow() or isinstance(new, FocusFrame):
            return
        if new.window().windowType() == Qt.WindowType.Popup:  # a menu, an open combo list: marked by Qt
            return
        frame = new.findChild(FocusFrame, options=Qt.FindChildOption.FindDirectChildrenOnly) or FocusFrame(new)
        frame.follow()
        frame.show()


def install(app: QApplication) -> None:
    """Frame the focus in every window from now on (once per application)."""
    if app.findChild(_FocusFollower) is None:
        _FocusFollower(app)


def frame_of(widget: QWidget) -> FocusFrame | None:
    return widget.findChild(FocusFrame, options=Qt.FindChildOption.FindDirectChildrenOnly)


def frame_colour(palette: QPalette) -> QColor:
    """The highlight if it stands out from the background by 3:1, else the text colour."""
    background = palette.color(QPalette.ColorRole.Window)
    for role in (QPalette.ColorRole.Highlight, QPalette.ColorRole.WindowText):
        colour = palette.color(role)
        if contrast(colour, background) >= MINIMUM_CONTRAST:
            return colour
    return palette.color(QPalette.ColorRole.WindowText)


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours, 1 to 21."""
    lighter, darker = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())
