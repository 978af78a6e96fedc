using MudBlazor;

namespace Booking.Web.Components.Layout;

/// <summary>
/// The one MudBlazor theme of the staff pages, in the NHS identity colours
/// (https://service-manual.nhs.uk/design-system/styles/colour). Every text colour below keeps at least
/// 4.5:1 against the background it is drawn on (WCAG 2.1 AA); the ratios are in the comments.
/// </summary>
public static class BookingTheme
{
    public const string NhsBlue = "#005EB8";
    public const string NhsDarkBlue = "#003087";
    public const string NhsBlack = "#212B32";
    public const string NhsDarkGrey = "#425563";
    public const string NhsMidGrey = "#768692";
    public const string NhsPaleGrey = "#AEB7BD";
    public const string NhsLightGrey = "#D8DDE0";
    public const string NhsBackground = "#F0F4F5";
    public const string NhsGreen = "#007F3B";
    public const string NhsWarmYellow = "#FFB81C";
    public const string NhsRed = "#D5281B";

    /// <summary>
    /// The red of error buttons and messages: NHS red is 4.5:1 as text only on plain white, and MudBlazor draws
    /// outlined and text error buttons on a tint of their own colour that deepens on hover (4.2:1 at 12 %, which the
    /// accessibility scan caught on a hovered "Retire…" button); this darker red keeps 5.9:1 there and 7.3:1 for white on it.
    /// </summary>
    public const string ErrorRed = "#A81F16";
    public const string White = "#FFFFFF";

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = NhsBlue, // white on it 6.4:1, on white 6.4:1
            PrimaryContrastText = White,
            PrimaryDarken = NhsDarkBlue,
            Secondary = NhsDarkGrey, // white on it 7.8:1
            SecondaryContrastText = White,
            Tertiary = NhsDarkBlue, // white on it 11.9:1
            TertiaryContrastText = White,
            Info = NhsBlue,
            InfoContrastText = White,
            InfoDarken = NhsDarkBlue,
            Success = NhsGreen, // white on it 5.1:1
            SuccessContrastText = White,
            SuccessDarken = "#00592A",
            Warning = NhsWarmYellow, // warm yellow carries black text (8.3:1), never white
            WarningContrastText = NhsBlack,
            WarningDarken = "#6B4D00",
            Error = ErrorRed,
            ErrorContrastText = White,
            ErrorDarken = "#8A1A11",
            Dark = NhsBlack,
            DarkContrastText = White,
            TextPrimary = NhsBlack,
            TextSecondary = NhsDarkGrey, // 7.0:1 on the page background
            TextDisabled = NhsMidGrey,
            ActionDefault = NhsDarkGrey,
            ActionDisabled = NhsMidGrey,
            ActionDisabledBackground = NhsLightGrey,
            Background = NhsBackground,
            BackgroundGray = NhsBackground,
            Surface = White,
            AppbarBackground = NhsBlue,
            AppbarText = White,
            DrawerBackground = White,
            DrawerText = NhsBlack,
            DrawerIcon = NhsDarkGrey,
            LinesDefault = NhsLightGrey,
            LinesInputs = NhsMidGrey, // input borders 3.8:1 on white: non-text contrast needs 3:1
            TableLines = NhsLightGrey,
            TableStriped = NhsBackground,
            TableHover = "#E8EDEE",
            Divider = NhsLightGrey,
            DividerLight = NhsBackground,
            GrayDefault = NhsMidGrey,
            GrayLight = NhsPaleGrey,
            GrayLighter = NhsLightGrey,
            GrayDark = NhsDarkGrey,
            GrayDarker = NhsBlack,
        },
        Typography = new Typography
        {
            // Frutiger is the NHS typeface; staff machines have Arial, the fallback the NHS names.
            Default = new DefaultTypography { FontFamily = ["Arial", "Helvetica", "sans-serif"] },
            // Sentence case, as the NHS writes buttons; Material's capitals are harder to read.
            Button = new ButtonTypography { TextTransform = "none", LetterSpacing = "normal" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "4px" },
    };
}
